package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.actionSystem.CommonDataKeys
import com.intellij.openapi.wm.ToolWindowManager
import com.intellij.ui.jcef.JBCefApp
import maestro.core.requests.Requests
import maestro.rider.services.MaestroProjectService
import maestro.rider.ui.Notifier
import maestro.rider.ui.Popups

/**
 * Maestro: Run Playbook — the shared panel's start-a-run screen (the playbook with its documents and progress, the
 * agent, a worktree, loops, budget and the permission mode, each explained, the playbook's own preselected), with the
 * selected file's playbook picked. Without JCEF (no panel, the Swing list instead) it picks one of the project's
 * Playbooks and runs it with the default agent, as before.
 */
class RunPlaybookAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        if (JBCefApp.isSupported()) {
            // Asked before the window shows: a panel that loads on this first opening gets the screen on its `ready`.
            MaestroProjectService.getInstance(project).host.showStartRun(e.getData(CommonDataKeys.VIRTUAL_FILE)?.path)
            ToolWindowManager.getInstance(project).getToolWindow("Maestro")?.activate(null)
            return
        }
        background(project, "Run Playbook") { host ->
            val client = host.requireClient()
            val playbooks = client.playbooks(host.workspaceFolder).playbooks
            if (playbooks.isEmpty()) {
                Notifier.info(project, "No Playbooks in ${host.workspaceFolder}")
                return@background
            }
            // Cancel and close answer null (Popups completes on either), so nothing waits past the popup.
            val playbook = Popups.choose(project, "Run Playbook", playbooks, Requests::playbookLabel) ?: return@background
            val run = client.runPlaybook(Requests.playbookRun(playbook, host.agentForRun()))
            Notifier.info(project, "Playbook ${playbook.name} running (${run.id})")
        }
    }
}
