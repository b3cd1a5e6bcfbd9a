package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.wm.ToolWindowManager
import com.intellij.ui.jcef.JBCefApp
import maestro.rider.services.MaestroProjectService
import maestro.rider.ui.Notifier

/**
 * Maestro: New Session — the shared panel's one new-session form (agent, folder, and an Advanced step for the name,
 * a worktree, the permission mode and the host), as VS Code's New Session. Without JCEF (the Swing list instead of
 * the panel) it starts the default agent in the project folder with the configured permission mode, as before.
 */
class NewSessionAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        if (JBCefApp.isSupported()) {
            // Asked before the window shows: a panel that loads on this first opening gets the form on its `ready`.
            MaestroProjectService.getInstance(project).host.showNewSessionInPanel()
            ToolWindowManager.getInstance(project).getToolWindow("Maestro")?.activate(null)
            return
        }
        background(project, "New Session") { host ->
            val session = host.createSession()
            host.showInPanel(session.id)
            Notifier.info(project, "Maestro session \"${session.name}\" started with ${session.agentId}")
        }
    }
}
