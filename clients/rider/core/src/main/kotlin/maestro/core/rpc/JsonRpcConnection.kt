package maestro.core.rpc

import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import maestro.core.protocol.MaestroJson
import java.io.InputStream
import java.io.OutputStream
import java.lang.reflect.Type
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong

/**
 * A JSON-RPC 2.0 connection over LSP framing: client requests with a pending map, notifications both ways,
 * server-to-client requests answered by registered handlers, and `$/cancelRequest` when the coroutine awaiting
 * a request is cancelled. Notifications are delivered in arrival order on the reader thread.
 */
class JsonRpcConnection(
    input: InputStream,
    output: OutputStream,
    private val trace: MessageTrace? = null,
) : AutoCloseable {
    private val reader = FrameReader(input)
    private val writer = FrameWriter(output)
    private val gson = MaestroJson.gson
    private val nextId = AtomicLong(1)
    private val pending = ConcurrentHashMap<String, CompletableDeferred<JsonElement>>()
    private val notificationHandlers = ConcurrentHashMap<String, (JsonElement?) -> Unit>()
    private val requestHandlers = ConcurrentHashMap<String, suspend (JsonElement?) -> Any?>()
    private val closeListeners = CopyOnWriteArrayList<(Throwable?) -> Unit>()
    private val closed = AtomicBoolean(false)
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)
    private var readerThread: Thread? = null

    val isClosed: Boolean get() = closed.get()

    /** Starts the reader thread. Register handlers before calling it so that no message is missed. */
    fun start(): JsonRpcConnection {
        check(readerThread == null) { "already started" }
        readerThread = Thread({ readLoop() }, "maestro-jsonrpc-reader").apply { isDaemon = true; start() }
        return this
    }

    fun onNotification(method: String, handler: (JsonElement?) -> Unit) {
        notificationHandlers[method] = handler
    }

    fun <T> onNotification(method: String, type: Class<T>, handler: (T) -> Unit) =
        onNotification(method) { params -> handler(gson.fromJson(params, type)) }

    fun onRequest(method: String, handler: suspend (JsonElement?) -> Any?) {
        requestHandlers[method] = handler
    }

    fun <P> onRequest(method: String, type: Class<P>, handler: suspend (P) -> Any?) =
        onRequest(method) { params -> handler(gson.fromJson(params, type)) }

    /** Called once when the connection ends; the argument is the cause, or null for a clean end of stream. */
    fun onClose(listener: (Throwable?) -> Unit) {
        closeListeners += listener
    }

    /** Sends a request and suspends until its response; cancelling the caller sends `$/cancelRequest`. */
    suspend fun requestRaw(method: String, params: Any? = null): JsonElement {
        if (closed.get()) throw ConnectionClosedException("the connection is closed")
        val id = nextId.getAndIncrement()
        val key = id.toString()
        val deferred = CompletableDeferred<JsonElement>()
        pending[key] = deferred
        val message = JsonObject().apply {
            addProperty("jsonrpc", "2.0")
            addProperty("id", id)
            addProperty("method", method)
            if (params != null) add("params", gson.toJsonTree(params))
        }
        try {
            send(message)
            return deferred.await()
        } catch (e: CancellationException) {
            if (pending.remove(key) != null && !closed.get()) {
                runCatching { notify("\$/cancelRequest", mapOf("id" to id)) }
            }
            throw e
        } finally {
            pending.remove(key)
        }
    }

    suspend fun <T> request(method: String, params: Any?, resultType: Type): T =
        gson.fromJson(requestRaw(method, params), resultType)

    suspend inline fun <reified T> request(method: String, params: Any? = null): T =
        request(method, params, T::class.java)

    fun notify(method: String, params: Any? = null) {
        val message = JsonObject().apply {
            addProperty("jsonrpc", "2.0")
            addProperty("method", method)
            if (params != null) add("params", gson.toJsonTree(params))
        }
        send(message)
    }

    private fun send(message: JsonObject) {
        val json = gson.toJson(message)
        trace?.onMessage(true, json)
        try {
            writer.write(json)
        } catch (e: Exception) {
            throw ConnectionClosedException("could not write to the server: ${e.message}", e)
        }
    }

    private fun readLoop() {
        var cause: Throwable? = null
        try {
            while (true) {
                val json = reader.read() ?: break
                trace?.onMessage(false, json)
                val element = try {
                    JsonParser.parseString(json)
                } catch (e: Exception) {
                    continue
                }
                if (element.isJsonObject) dispatch(element.asJsonObject)
            }
        } catch (e: Throwable) {
            cause = e
        }
        shutdown(cause)
    }

    private fun dispatch(message: JsonObject) {
        val method = message.get("method")?.takeIf { it.isJsonPrimitive }?.asString
        val id = message.get("id")?.takeUnless { it.isJsonNull }
        val params = message.get("params")
        when {
            method != null && id != null -> handleRequest(id, method, params)
            method != null -> notificationHandlers[method]?.let { handler ->
                try {
                    handler(params)
                } catch (e: Exception) {
                    System.err.println("maestro: the handler of $method failed: $e")
                }
            }
            id != null -> {
                val deferred = pending.remove(id.asString) ?: return
                val error = message.get("error")
                if (error != null && error.isJsonObject) {
                    val e = error.asJsonObject
                    deferred.completeExceptionally(
                        JsonRpcException(e.get("code")?.asInt ?: 0, e.get("message")?.asString ?: "error", e.get("data")),
                    )
                } else {
                    deferred.complete(message.get("result") ?: JsonNull.INSTANCE)
                }
            }
        }
    }

    private fun handleRequest(id: JsonElement, method: String, params: JsonElement?) {
        val handler = requestHandlers[method]
        scope.launch {
            val response = JsonObject().apply {
                addProperty("jsonrpc", "2.0")
                add("id", id)
            }
            if (handler == null) {
                response.add("error", errorObject(-32601, "no handler for $method"))
            } else {
                try {
                    response.add("result", gson.toJsonTree(handler(params)) ?: JsonNull.INSTANCE)
                } catch (e: JsonRpcException) {
                    response.add("error", errorObject(e.code, e.message ?: "error"))
                } catch (e: CancellationException) {
                    throw e
                } catch (e: Exception) {
                    response.add("error", errorObject(-32603, e.toString()))
                }
            }
            runCatching { send(response) }
        }
    }

    private fun errorObject(code: Int, message: String) = JsonObject().apply {
        addProperty("code", code)
        addProperty("message", message)
    }

    private fun shutdown(cause: Throwable?) {
        if (!closed.compareAndSet(false, true)) return
        val error = ConnectionClosedException("the connection to the server closed", cause)
        pending.values.forEach { it.completeExceptionally(error) }
        pending.clear()
        scope.cancel()
        closeListeners.forEach { runCatching { it(cause) } }
    }

    override fun close() {
        runCatching { writer.close() }
        shutdown(null)
    }
}
