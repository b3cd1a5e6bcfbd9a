package maestro.core.sessions

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import maestro.core.protocol.Session
import maestro.core.protocol.SessionEventNotification
import maestro.core.protocol.SessionStatus
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList

/**
 * The client's copy of sessions and their transcripts. Applies `sessions/event` notifications in arrival order;
 * a notification whose seq is past the next expected one (a gap, or a client that started listening late)
 * first fills the missing events from `sessions/history`; duplicates are dropped.
 */
class SessionStore(
    private val source: SessionHistorySource,
    scope: CoroutineScope,
    private val pageSize: Int = 500,
) {
    private sealed interface Work {
        data class Event(val notification: SessionEventNotification) : Work
        data class Load(val sessionId: String, val done: CompletableDeferred<Unit>) : Work
        data class Barrier(val done: CompletableDeferred<Unit>) : Work
    }

    private val queue = Channel<Work>(Channel.UNLIMITED)
    private val transcripts = ConcurrentHashMap<String, SessionTranscript>()
    private val sessions = ConcurrentHashMap<String, Session>()
    private val eventListeners = CopyOnWriteArrayList<(SessionEventNotification) -> Unit>()
    private val sessionListeners = CopyOnWriteArrayList<(Session) -> Unit>()
    private val errorListeners = CopyOnWriteArrayList<(String, Throwable) -> Unit>()

    init {
        scope.launch {
            for (work in queue) {
                when (work) {
                    is Work.Event -> guarded(work.notification.sessionId) { apply(work.notification) }
                    is Work.Load -> {
                        guarded(work.sessionId) { fillUpTo(transcript(work.sessionId), Long.MAX_VALUE) }
                        work.done.complete(Unit)
                    }
                    is Work.Barrier -> work.done.complete(Unit)
                }
            }
        }
    }

    /** Queues a `sessions/event` notification; safe to call from the connection's reader thread. */
    fun accept(notification: SessionEventNotification) {
        queue.trySend(Work.Event(notification))
    }

    /** Records a session (from `sessions/changed`, `sessions/list`, `sessions/create`). */
    fun updateSession(session: Session) {
        sessions[session.id] = session
        sessionListeners.forEach { it(session) }
    }

    /** Forgets a deleted session (`sessions/changed` with `deleted`) and its transcript. */
    fun removeSession(sessionId: String) {
        val session = sessions.remove(sessionId) ?: return
        transcripts.remove(sessionId)
        sessionListeners.forEach { it(session.copy(status = SessionStatus.CLOSED)) }
    }

    fun sessions(): List<Session> = sessions.values.sortedByDescending { it.createdAt }

    fun session(sessionId: String): Session? = sessions[sessionId]

    /** The sessions whose transcript this client holds (opened, or heard from), not every session listed. */
    fun transcriptIds(): Set<String> = transcripts.keys.toSet()

    fun transcript(sessionId: String): SessionTranscript = transcripts.computeIfAbsent(sessionId) { SessionTranscript(it) }

    /** Loads every stored event of a session not yet here (opening a transcript, or after a reconnect). */
    suspend fun load(sessionId: String) {
        val done = CompletableDeferred<Unit>()
        queue.send(Work.Load(sessionId, done))
        done.await()
    }

    /** Suspends until everything queued before this call has been applied. */
    suspend fun flush() {
        val done = CompletableDeferred<Unit>()
        queue.send(Work.Barrier(done))
        done.await()
    }

    fun onEvent(listener: (SessionEventNotification) -> Unit) {
        eventListeners += listener
    }

    fun onSession(listener: (Session) -> Unit) {
        sessionListeners += listener
    }

    fun onError(listener: (sessionId: String, error: Throwable) -> Unit) {
        errorListeners += listener
    }

    private suspend fun apply(notification: SessionEventNotification) {
        val transcript = transcript(notification.sessionId)
        if (notification.seq <= transcript.lastSeq) return
        if (notification.seq > transcript.lastSeq + 1) {
            fillUpTo(transcript, notification.seq - 1)
            transcript.gapsFilled++
        }
        append(transcript, notification)
    }

    private suspend fun fillUpTo(transcript: SessionTranscript, upTo: Long) {
        while (transcript.lastSeq < upTo) {
            val page = source.history(transcript.sessionId, transcript.lastSeq, pageSize)
            for (event in page.events) {
                if (event.seq > upTo) break
                append(transcript, event)
            }
            if (!page.hasMore || page.events.isEmpty()) break
        }
    }

    private fun append(transcript: SessionTranscript, event: SessionEventNotification) {
        if (transcript.appendNext(event)) eventListeners.forEach { it(event) }
    }

    private suspend fun guarded(sessionId: String, block: suspend () -> Unit) {
        try {
            block()
        } catch (e: kotlinx.coroutines.CancellationException) {
            throw e
        } catch (e: Exception) {
            errorListeners.forEach { it(sessionId, e) }
        }
    }
}
