package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.core.sessions.SessionPurpose

/** Maestro: Cancel — stops the running turn of a session and drops its queued prompts. */
class CancelSessionAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "Cancel") { host ->
            val session = SessionChooser.pick(project, host, SessionPurpose.CANCEL) ?: return@background
            host.requireClient().cancel(session.id)
        }
    }
}
