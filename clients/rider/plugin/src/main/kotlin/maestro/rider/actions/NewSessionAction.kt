package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.rider.ui.Notifier

/** Maestro: New Session — the default agent in the project folder, with the configured permission mode. */
class NewSessionAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "New Session") { host ->
            val session = host.createSession()
            host.showInPanel(session.id)
            Notifier.info(project, "Maestro session \"${session.name}\" started with ${session.agentId}")
        }
    }
}
