package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.core.sessions.SessionPurpose

/** Maestro: Close Session — the session stays in history with status closed. */
class CloseSessionAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "Close Session") { host ->
            val session = SessionChooser.pick(project, host, SessionPurpose.CLOSE) ?: return@background
            host.requireClient().closeSession(session.id)
            if (host.selectedSessionId == session.id) host.selectedSessionId = null
        }
    }
}
