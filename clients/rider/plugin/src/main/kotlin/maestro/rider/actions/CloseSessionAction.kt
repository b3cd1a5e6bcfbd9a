package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.core.protocol.SessionStatus

/** Maestro: Close Session — the session stays in history with status closed. */
class CloseSessionAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project) { service ->
            val session = SessionPicker.pick(project, service) { it.status != SessionStatus.CLOSED } ?: return@background
            service.requireClient().closeSession(session.id)
            if (service.selectedSessionId == session.id) service.selectedSessionId = null
        }
    }
}
