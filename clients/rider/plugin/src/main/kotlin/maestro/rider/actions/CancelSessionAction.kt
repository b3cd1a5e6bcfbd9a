package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.core.protocol.SessionStatus

/** Maestro: Cancel — stops the running turn of a session and drops its queued prompts. */
class CancelSessionAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project) { service ->
            val session = SessionPicker.pick(project, service) { it.status == SessionStatus.RUNNING } ?: return@background
            service.requireClient().cancel(session.id)
        }
    }
}
