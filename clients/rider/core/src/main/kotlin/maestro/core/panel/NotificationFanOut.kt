package maestro.core.panel

import com.google.gson.JsonElement
import maestro.core.protocol.MaestroJson
import maestro.core.protocol.MethodKind
import maestro.core.protocol.MethodShapes
import maestro.core.rpc.JsonRpcConnection
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Every server notification of the protocol (each method [MethodShapes] calls a server notification, so a new one
 * is forwarded without code here) goes first to the core's typed listeners (the session store, the review
 * models), then, as is, to every raw listener (the panels: the host contract forwards every notification).
 * A failing listener does not keep the others from hearing it.
 */
class NotificationFanOut {
    private val typed = ConcurrentHashMap<String, CopyOnWriteArrayList<(JsonElement?) -> Unit>>()
    private val raw = CopyOnWriteArrayList<(String, JsonElement?) -> Unit>()

    /** The methods forwarded: every server notification of the protocol. */
    val methods: List<String> = MethodShapes.filterValues { it.kind == MethodKind.SERVER_NOTIFICATION }.keys.toList()

    /** Registers this fan-out as the connection's handler of every server notification; before its reader starts. */
    fun attach(connection: JsonRpcConnection) {
        for (method in methods) connection.onNotification(method) { params -> dispatch(method, params) }
    }

    /** A typed listener of one method, called before the raw listeners. */
    fun <T> on(method: String, type: Class<T>, listener: (T) -> Unit) {
        typed.computeIfAbsent(method) { CopyOnWriteArrayList() } += { params -> listener(MaestroJson.gson.fromJson(params, type)) }
    }

    /** A listener of every notification as it came; returns what removes it. */
    fun onAny(listener: (method: String, params: JsonElement?) -> Unit): () -> Unit {
        raw += listener
        return { raw -= listener }
    }

    /** Delivers one notification (the connection's reader thread calls this, in arrival order). */
    fun dispatch(method: String, params: JsonElement?) {
        typed[method]?.forEach { runCatching { it(params) }.onFailure { e -> System.err.println("maestro: a $method listener failed: $e") } }
        raw.forEach { runCatching { it(method, params) } }
    }
}
