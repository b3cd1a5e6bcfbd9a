package maestro.core.sessions

import maestro.core.protocol.Session

/**
 * Which session an action acts on. A pure function of the server's session list, the session the panel has
 * selected (`sessionSelected`) and the action's [SessionPurpose]: the selected one when it qualifies, else the
 * only candidate, else the user is asked among the candidates (newest first); with no candidate, Prompt Session
 * creates a session and the others say there is none.
 */
object SessionPicker {
    fun pick(sessions: List<Session>, selectedId: String?, purpose: SessionPurpose): SessionPick {
        val candidates = sessions.filter(purpose.accepts).sortedWith(compareByDescending<Session> { it.updatedAt }.thenByDescending { it.createdAt })
        candidates.firstOrNull { it.id == selectedId }?.let { return SessionPick.Use(it) }
        return when {
            candidates.size == 1 -> SessionPick.Use(candidates.single())
            candidates.isNotEmpty() -> SessionPick.Ask(candidates)
            purpose.createWhenNone -> SessionPick.CreateNew
            else -> SessionPick.NoneFor(noneMessage(purpose))
        }
    }

    /** The popup's line for a session. */
    fun label(session: Session): String = "${session.name} · ${session.agentId} · ${session.status.name.lowercase()}"

    private fun noneMessage(purpose: SessionPurpose) = when (purpose) {
        SessionPurpose.CANCEL -> "No Maestro session is running a turn."
        SessionPurpose.CLOSE -> "No open Maestro session to close."
        else -> "No Maestro session yet."
    }
}
