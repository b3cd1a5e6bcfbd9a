package maestro.core.sessions

import maestro.core.protocol.Session

/** What [SessionPicker] decided: use a session, ask the user among candidates, create one, or there is none. */
sealed class SessionPick {
    /** Act on this session without asking (the panel's selection, or the only candidate). */
    data class Use(val session: Session) : SessionPick()

    /** Ask the user; [candidates] are newest first. */
    data class Ask(val candidates: List<Session>) : SessionPick()

    /** No candidate, and the purpose starts a new session in that case (Prompt Session). */
    object CreateNew : SessionPick()

    /** No candidate: tell the user, with [message]. */
    data class NoneFor(val message: String) : SessionPick()
}
