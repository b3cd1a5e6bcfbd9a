package maestro.core.sessions

import maestro.core.protocol.Session
import maestro.core.protocol.SessionStatus

/** What an action wants a session for, and so which sessions it may act on. */
enum class SessionPurpose(val title: String, val accepts: (Session) -> Boolean, val createWhenNone: Boolean) {
    /** Prompt Session: any open session; with none, a new one is created. */
    PROMPT("Prompt which session?", { it.status != SessionStatus.CLOSED }, createWhenNone = true),

    /** Cancel: a session with a turn to stop. */
    CANCEL("Cancel which session?", { it.status == SessionStatus.RUNNING || it.status == SessionStatus.WAITING || it.status == SessionStatus.RETRYING }, createWhenNone = false),

    /** Close Session: any session not closed yet. */
    CLOSE("Close which session?", { it.status != SessionStatus.CLOSED }, createWhenNone = false),

    /** Open Transcript: any session, closed ones too (they stay in history). */
    TRANSCRIPT("Open which transcript?", { true }, createWhenNone = false),
}
