package maestro.core.sessions

import maestro.core.protocol.Session
import maestro.core.protocol.SessionEvent
import maestro.core.protocol.SessionEventNotification

/** A session's transcript as Markdown, for the IDE's read-only "Open Transcript" tab. */
object TranscriptMarkdown {
    fun render(session: Session, events: List<SessionEventNotification>): String = buildString {
        append("# ").append(session.name).append(" (").append(session.agentId).append(")\n\n")
        for (n in events) {
            when (val ev = n.event) {
                is SessionEvent.Prompt -> append("\n## You\n\n").append(ev.text).append("\n")
                is SessionEvent.Message -> append("\n").append(ev.text).append("\n")
                is SessionEvent.ToolCall -> append("\n- tool `").append(ev.kind).append("`: ").append(ev.title).append("\n")
                is SessionEvent.FileChange -> append("- ").append(ev.change.name.lowercase()).append(" `").append(ev.path).append("`\n")
                is SessionEvent.Error -> append("\n> error: ").append(ev.message).append("\n")
                is SessionEvent.Status -> ev.stopReason?.let { append("\n_turn ended: ").append(it.name.lowercase()).append("_\n") }
                else -> Unit
            }
        }
    }
}
