package maestro.core.sessions

import maestro.core.protocol.SessionHistoryResult

/** Where [SessionStore] fetches missed events: `sessions/history` on a live connection. */
fun interface SessionHistorySource {
    suspend fun history(sessionId: String, afterSeq: Long, limit: Int): SessionHistoryResult
}
