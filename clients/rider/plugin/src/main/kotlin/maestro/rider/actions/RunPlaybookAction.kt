package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.core.requests.Requests
import maestro.rider.ui.Notifier
import maestro.rider.ui.Popups

/** Maestro: Run Playbook — picks one of the project's Playbooks and runs it with the default agent. */
class RunPlaybookAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
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
