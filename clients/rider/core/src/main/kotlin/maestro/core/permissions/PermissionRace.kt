package maestro.core.permissions

import kotlinx.coroutines.CompletableDeferred
import maestro.core.protocol.PermissionRequestParams
import maestro.core.protocol.PermissionResponse
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicLong

/**
 * One `permissions/request` shown in several places at once (an IDE notification, every open panel): the first
 * answer wins, later ones are refused, and everyone still showing it is told it is settled so they can stop asking.
 * A place that is dismissed without a choice simply does not answer; the others keep asking.
 */
class PermissionRace(private val onSettled: (id: String, response: PermissionResponse) -> Unit = { _, _ -> }) {
    private val nextId = AtomicLong(1)
    private val open = ConcurrentHashMap<String, Open>()

    private class Open(val request: PermissionRequestParams, val answer: CompletableDeferred<PermissionResponse>)

    /** Publishes the request under a fresh id (to the notification and the panels) and waits for the first answer. */
    suspend fun ask(request: PermissionRequestParams, publish: (id: String) -> Unit): PermissionResponse {
        val id = "perm-" + nextId.getAndIncrement()
        val entry = Open(request, CompletableDeferred())
        open[id] = entry
        try {
            publish(id)
            val response = entry.answer.await()
            onSettled(id, response)
            return response
        } finally {
            // Cancelled too (the server withdrew the request, or the connection died): nobody should still ask.
            if (open.remove(id) != null && !entry.answer.isCompleted) onSettled(id, PermissionResponse(cancelled = true))
        }
    }

    /** Answers request [id]; false when it was answered already or is unknown, so the caller can say so. */
    fun answer(id: String, response: PermissionResponse): Boolean = open[id]?.answer?.complete(response) ?: false

    /** The requests still waiting, for a panel that opens while they are: id to request. */
    fun pending(): Map<String, PermissionRequestParams> = open.entries
        .filter { !it.value.answer.isCompleted }
        .associate { it.key to it.value.request }
}
