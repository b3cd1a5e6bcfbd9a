package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.wm.ToolWindowManager
import maestro.rider.services.MaestroProjectService

/** Maestro: Show Stats — the Maestro tool window on the shared panel's Stats tab (charts, leaderboard, today's spend). */
class ShowStatsAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        // Asked before the window shows: a panel that loads on this first opening gets the tab on its `ready`.
        MaestroProjectService.getInstance(project).host.showTab("stats")
        ToolWindowManager.getInstance(project).getToolWindow("Maestro")?.activate(null)
    }
}
