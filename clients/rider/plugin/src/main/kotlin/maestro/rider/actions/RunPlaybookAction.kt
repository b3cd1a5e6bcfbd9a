package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.application.EDT
import com.intellij.openapi.ui.popup.JBPopupFactory
import com.intellij.ui.SimpleListCellRenderer
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.core.protocol.PlaybookInfo
import maestro.core.protocol.PlaybookRunParams
import maestro.rider.settings.MaestroSettings

/** Maestro: Run Playbook — picks one of the project's Playbooks and runs it with the default agent. */
class RunPlaybookAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project) { service ->
            val client = service.requireClient()
            val playbooks = client.playbooks(service.projectDir).playbooks
            if (playbooks.isEmpty()) {
                notify(project, "No Playbooks in ${service.projectDir}")
                return@background
            }
            val chosen = CompletableDeferred<PlaybookInfo?>()
            withContext(Dispatchers.EDT) {
                JBPopupFactory.getInstance().createPopupChooserBuilder(playbooks)
                    .setTitle("Run Playbook")
                    .setRenderer(
                        SimpleListCellRenderer.create("") { p ->
                            p.error?.let { "${p.name} (cannot run: $it)" } ?: "${p.name} (${p.documents.sumOf { it.total - it.done }} tasks open)"
                        },
                    )
                    .setItemChosenCallback { chosen.complete(it) }
                    .createPopup()
                    .showCenteredInCurrentWindow(project)
            }
            val playbook = chosen.await() ?: return@background
            playbook.error?.let {
                notify(project, "Playbook ${playbook.name} cannot run: $it")
                return@background
            }
            val run = client.runPlaybook(
                PlaybookRunParams(path = playbook.path, agentId = MaestroSettings.getInstance().state.defaultAgent ?: "claude-code"),
            )
            notify(project, "Playbook ${playbook.name} running (${run.id})")
        }
    }
}
