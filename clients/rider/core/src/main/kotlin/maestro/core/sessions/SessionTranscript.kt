package maestro.core.sessions

import maestro.core.protocol.SessionEventNotification

/** The events of one session, contiguous from seq 1 up to [lastSeq]. Mutated only by [SessionStore]. */
class SessionTranscript(val sessionId: String) {
    private val events = ArrayList<SessionEventNotification>()

    @Volatile
    var lastSeq: Long = 0
        private set

    /** How many gaps were filled from `sessions/history`. */
    @Volatile
    var gapsFilled: Int = 0
        internal set

    @Synchronized
    fun events(): List<SessionEventNotification> = events.toList()

    /** Appends [event] when it is the next one; returns false (and changes nothing) otherwise. */
    @Synchronized
    internal fun appendNext(event: SessionEventNotification): Boolean {
        if (event.seq != lastSeq + 1) return false
        events += event
        lastSeq = event.seq
        return true
    }
}
