package maestro.core.panel

import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.launch
import maestro.core.host.HostEvent
import maestro.core.host.MaestroHost
import maestro.core.protocol.ErrorCodes
import maestro.core.protocol.MaestroJson
import maestro.core.protocol.Methods
import maestro.core.protocol.PermissionResponse
import maestro.core.review.RepoPaths
import maestro.core.sshhosts.HostFiles
import maestro.core.rpc.JsonRpcException
import java.io.File

/**
 * The host side of the panel's bridge (clients/panel/README.md), for one panel: reads what the page posts
 * (`ready`, `request`, `sessionSelected`, `serverResponse`) and posts back `hostInfo`, `serverState`, `response`,
 * every server `notification`, `serverRequest` / `serverRequestSettled` and `showSession`. Requests go to the
 * server as they are, except `host/...` ones, which the core resolves (paths, review models) and [actions] performs.
 * [post] gets each message as JSON text; the plugin hands it to the page (see [script]).
 */
class PanelHost(
    private val host: MaestroHost,
    private val actions: HostActions,
    private val scope: CoroutineScope,
    private val hostName: String,
    private val post: (String) -> Unit,
) : AutoCloseable {
    private val gson = MaestroJson.gson

    // The tree is built by the protocol's Gson (absent members left out); only the nulls put here on purpose
    // (`result: null`, `params: null`) are written.
    private val writer = MaestroJson.gson.newBuilder().serializeNulls().create()
    private val unsubscribe = host.addListener(::forward)

    /** One message the page posted (JSON text); a malformed one is ignored. */
    fun receive(payload: String) {
        val message = runCatching { JsonParser.parseString(payload).asJsonObject }.getOrNull() ?: return
        when (message.get("kind")?.takeIf { it.isJsonPrimitive }?.asString) {
            "ready" -> {
                send(hostInfo())
                send(state(host.panelState(), null))
                // A panel opened while an agent waits must still be able to answer.
                host.permissions.pending().forEach { (id, request) -> send(serverRequest(id, gson.toJsonTree(request))) }
                host.shownTab?.let { send(showTab(it)) }
                host.takePendingStartRun()?.let { send(showStartRun(it.playbook)) }
                if (host.takePendingNewSession()) send(JsonObject().apply { addProperty("kind", "showNewSession") })
            }
            "request" -> {
                val id = message.get("id") ?: return
                val method = message.get("method")?.asString ?: return
                request(id, method, message.get("params")?.takeUnless { it.isJsonNull })
            }
            // The panel's open session is the one the IDE's actions act on.
            "sessionSelected" -> host.selectedSessionId = message.get("sessionId")?.takeUnless { it.isJsonNull }?.asString
            "serverResponse" -> {
                val id = message.get("id")?.asString ?: return
                host.permissions.answer(id, gson.fromJson(message.get("result"), PermissionResponse::class.java))
            }
        }
    }

    private fun request(id: JsonElement, method: String, params: JsonElement?) = scope.launch {
        val reply = JsonObject().apply { addProperty("kind", "response"); add("id", id) }
        try {
            val result = if (method.startsWith("host/")) hostAction(method, params?.takeIf { it.isJsonObject }?.asJsonObject) else host.requireClient().connection.requestRaw(method, params)
            reply.add("result", result ?: JsonNull.INSTANCE)
        } catch (e: CancellationException) {
            throw e
        } catch (e: JsonRpcException) {
            reply.add("error", JsonObject().apply {
                addProperty("code", e.code)
                addProperty("message", e.message)
                e.rawData?.let { add("data", it) }
            })
        } catch (e: Exception) {
            reply.add("error", JsonObject().apply { addProperty("code", ErrorCodes.INTERNAL_ERROR); addProperty("message", e.message ?: e.toString()) })
        }
        send(reply)
    }

    /** The `host/...` requests: the names the panel knows from [HOST_ACTIONS]. */
    private suspend fun hostAction(method: String, params: JsonObject?): JsonElement? {
        fun text(name: String) = params?.get(name)?.takeUnless { it.isJsonNull }?.asString
        when (method) {
            "host/openDiff" -> {
                val review = host.review(text("cwd") ?: host.reviewCwd())
                val path = text("path") ?: throw IllegalArgumentException("host/openDiff needs a path")
                review.refresh()
                val absolute = review.paths().toAbsolute(path)
                val file = review.file(absolute) ?: throw IllegalArgumentException("$path has no pending changes")
                actions.openDiff(review, file)
            }
            "host/openFile" -> {
                val path = text("path") ?: throw IllegalArgumentException("host/openFile needs a path")
                val base = text("cwd") ?: host.workspaceFolder
                actions.openFile(if (RepoPaths.isAbsolute(path)) RepoPaths.normalize(path) else RepoPaths.normalize(File(base, path).path))
            }
            "host/reviewChanges" -> {
                val review = host.review(text("cwd") ?: host.reviewCwd())
                review.refresh()
                actions.reviewChanges(review)
            }
            "host/openHostFile" -> {
                val hostName = text("host") ?: throw IllegalArgumentException("host/openHostFile needs a host")
                val path = text("path") ?: throw IllegalArgumentException("host/openHostFile needs a path")
                val diff = params?.get("diff")?.takeUnless { it.isJsonNull }?.asBoolean ?: false
                actions.showHostFile(HostFiles.load(host.requireClient(), hostName, text("cwd") ?: path.substringBeforeLast('/'), path, diff))
            }
            "host/showOutput" -> actions.showOutput()
            else -> throw IllegalArgumentException("This IDE does not offer $method")
        }
        return null
    }

    private fun hostInfo() = JsonObject().apply {
        addProperty("kind", "hostInfo")
        addProperty("host", hostName)
        add("workspaceFolders", gson.toJsonTree(listOf(host.workspaceFolder)))
        add("hostActions", gson.toJsonTree(HOST_ACTIONS))
        add("settings", JsonObject().apply {
            host.settings.agent?.let { addProperty("defaultAgent", it) }
            host.settings.permissionMode?.takeIf { it.isNotBlank() }?.let { addProperty("defaultPermissionMode", it) }
        })
    }

    private fun state(state: String, message: String?) = JsonObject().apply {
        addProperty("kind", "serverState")
        addProperty("state", state)
        message?.let { addProperty("message", it) }
    }

    private fun serverRequest(id: String, params: JsonElement) = JsonObject().apply {
        addProperty("kind", "serverRequest")
        addProperty("id", id)
        addProperty("method", Methods.PERMISSIONS_REQUEST)
        add("params", params)
    }

    private fun forward(event: HostEvent) = send(
        when (event) {
            is HostEvent.Notification -> JsonObject().apply {
                addProperty("kind", "notification")
                addProperty("method", event.method)
                add("params", event.params ?: JsonNull.INSTANCE)
            }
            is HostEvent.PermissionAsked -> serverRequest(event.id, gson.toJsonTree(event.request))
            is HostEvent.PermissionSettled -> JsonObject().apply { addProperty("kind", "serverRequestSettled"); addProperty("id", event.id) }
            is HostEvent.ShowSession -> JsonObject().apply { addProperty("kind", "showSession"); addProperty("sessionId", event.sessionId) }
            HostEvent.ShowNewChat -> JsonObject().apply { addProperty("kind", "showNewChat") }
            HostEvent.ShowNewSession -> JsonObject().apply { addProperty("kind", "showNewSession") }
            is HostEvent.ShowTab -> showTab(event.tab)
            is HostEvent.ShowStartRun -> showStartRun(event.playbook)
            is HostEvent.State -> state(event.state, event.message)
        },
    )

    private fun showStartRun(playbook: String?) = JsonObject().apply {
        addProperty("kind", "showStartRun")
        if (playbook != null) addProperty("playbook", playbook)
    }

    private fun showTab(tab: String) = JsonObject().apply { addProperty("kind", "showTab"); addProperty("tab", tab) }

    private fun send(message: JsonObject) = post(writer.toJson(message))

    override fun close() = unsubscribe()

    companion object {
        // No host/newSession: the panel's own form is the one New Session flow (its Advanced step, the same as VS Code's).
        val HOST_ACTIONS = listOf("host/openDiff", "host/openFile", "host/openHostFile", "host/reviewChanges", "host/showOutput")

        /** The JavaScript that hands one message to the page; JSON is a JavaScript expression. */
        fun script(json: String) = "window.maestroReceive && window.maestroReceive($json);"
    }
}
