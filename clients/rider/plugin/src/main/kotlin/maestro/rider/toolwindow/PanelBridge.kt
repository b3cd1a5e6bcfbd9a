package maestro.rider.toolwindow

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.intellij.openapi.Disposable
import com.intellij.openapi.application.ApplicationManager
import com.intellij.openapi.fileEditor.FileEditorManager
import com.intellij.openapi.project.Project
import com.intellij.openapi.util.Disposer
import com.intellij.openapi.vfs.LocalFileSystem
import com.intellij.ui.jcef.JBCefBrowser
import com.intellij.ui.jcef.JBCefBrowserBase
import com.intellij.ui.jcef.JBCefJSQuery
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import maestro.core.protocol.MaestroJson
import maestro.core.protocol.PermissionResponse
import maestro.core.rpc.JsonRpcException
import maestro.rider.review.ReviewController
import maestro.rider.services.MaestroProjectService
import maestro.rider.services.PanelEvent
import maestro.rider.settings.MaestroSettings
import org.cef.browser.CefBrowser
import org.cef.browser.CefFrame
import org.cef.handler.CefLoadHandlerAdapter
import java.io.File
import javax.swing.JComponent

/**
 * Hosts the shared panel in a [JBCefBrowser] and speaks the panel's host bridge (clients/panel/README.md):
 * the page posts JSON messages through `window.maestroHostPost` (one [JBCefJSQuery]) and receives them through
 * `window.maestroReceive(message)`. Requests are forwarded to the server unless their method starts with `host/`,
 * which this IDE performs itself; server notifications and permission requests are pushed to the page.
 */
class PanelBridge(private val project: Project, private val service: MaestroProjectService) : Disposable {
    private val browser = JBCefBrowser()
    private val query = JBCefJSQuery.create(browser as JBCefBrowserBase)
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)
    private val gson = MaestroJson.gson
    private val listener: (PanelEvent) -> Unit = ::forward

    val component: JComponent get() = browser.component

    init {
        Disposer.register(this, browser)
        Disposer.register(this, query)
        query.addHandler { payload ->
            runCatching { handle(JsonParser.parseString(payload).asJsonObject) }
            JBCefJSQuery.Response("ok")
        }
        browser.jbCefClient.addLoadHandler(object : CefLoadHandlerAdapter() {
            override fun onLoadEnd(cefBrowser: CefBrowser, frame: CefFrame, httpStatusCode: Int) {
                if (frame.isMain) installHost()
            }
        }, browser.cefBrowser)
        service.addPanelListener(listener)
        browser.loadHTML(PanelPage.html() ?: PanelPage.fallback())
    }

    /** Gives the page its way to post to us, then tells the panel (which waits for this event) that it can start. */
    private fun installHost() {
        val script = """
            window.maestroHostPost = function (payload) { ${query.inject("payload")} };
            window.dispatchEvent(new Event('maestroHostReady'));
        """.trimIndent()
        browser.cefBrowser.executeJavaScript(script, browser.cefBrowser.url, 0)
    }

    private fun handle(message: JsonObject) {
        when (message.get("kind")?.asString) {
            "ready" -> {
                send(hostInfo())
                send(JsonObject().apply { addProperty("kind", "serverState"); addProperty("state", service.panelState()) })
                // A panel opened while the agent waits must still be able to answer.
                service.permissions.pending().forEach { (id, request) -> send(serverRequest(id, gson.toJsonTree(request))) }
            }
            "request" -> request(message.get("id").asLong, message.get("method").asString, message.get("params")?.takeUnless { it.isJsonNull })
            // The panel's open session is the one Rider's actions act on ("the current session").
            "sessionSelected" -> message.get("sessionId")?.takeUnless { it.isJsonNull }?.asString?.let { service.selectedSessionId = it }
            "serverResponse" -> {
                val response = gson.fromJson(message.get("result"), PermissionResponse::class.java)
                service.permissions.answer(message.get("id").asString, response)
            }
        }
    }

    private fun request(id: Long, method: String, params: JsonElement?) = scope.launch {
        val reply = JsonObject().apply { addProperty("kind", "response"); addProperty("id", id) }
        try {
            val result = if (method.startsWith("host/")) hostAction(method, params?.asJsonObject) else service.requireClient().connection.requestRaw(method, params)
            reply.add("result", result ?: JsonNull.INSTANCE)
        } catch (e: JsonRpcException) {
            reply.add("error", JsonObject().apply {
                addProperty("code", e.code)
                addProperty("message", e.message)
                e.rawData?.let { add("data", it) }
            })
        } catch (e: Exception) {
            reply.add("error", JsonObject().apply { addProperty("code", -32603); addProperty("message", e.message ?: e.toString()) })
        }
        send(reply)
    }

    /** What the IDE does itself for the panel; the names are the bridge's `host/...` actions. */
    private suspend fun hostAction(method: String, params: JsonObject?): JsonElement? {
        val review = ReviewController.getInstance(project)
        when (method) {
            "host/openDiff" -> {
                val cwd = params?.get("cwd")?.asString ?: review.cwd()
                val path = params?.get("path")?.asString ?: throw IllegalArgumentException("host/openDiff needs a path")
                val file = review.load(cwd).firstOrNull { it.path == path || File(cwd, it.path).path == path }
                    ?: throw IllegalArgumentException("$path has no pending changes in $cwd")
                ApplicationManager.getApplication().invokeLater { review.showDiff(cwd, file) }
            }
            "host/openFile" -> {
                val path = params?.get("path")?.asString ?: throw IllegalArgumentException("host/openFile needs a path")
                ApplicationManager.getApplication().invokeLater {
                    LocalFileSystem.getInstance().refreshAndFindFileByPath(path)?.let { FileEditorManager.getInstance(project).openFile(it, true) }
                }
            }
            "host/reviewChanges" -> review.reviewChanges(params?.get("cwd")?.asString ?: review.cwd())
            "host/newSession" -> return gson.toJsonTree(service.createSession())
            else -> throw IllegalArgumentException("This IDE does not offer $method")
        }
        return null
    }

    private fun hostInfo() = JsonObject().apply {
        addProperty("kind", "hostInfo")
        addProperty("host", "jcef")
        add("workspaceFolders", JsonArray().apply { add(service.projectDir) })
        add("hostActions", JsonArray().apply { HOST_ACTIONS.forEach { add(it) } })
        val settings = MaestroSettings.getInstance().state
        add("settings", JsonObject().apply {
            settings.defaultAgent?.let { addProperty("defaultAgent", it) }
            settings.permissionMode?.let { addProperty("defaultPermissionMode", it) }
        })
    }

    private fun serverRequest(id: String, params: JsonElement) = JsonObject().apply {
        addProperty("kind", "serverRequest")
        addProperty("id", id)
        addProperty("method", maestro.core.protocol.Methods.PERMISSIONS_REQUEST)
        add("params", params)
    }

    private fun forward(event: PanelEvent) = send(
        when (event) {
            is PanelEvent.Notification -> JsonObject().apply {
                addProperty("kind", "notification")
                addProperty("method", event.method)
                add("params", gson.toJsonTree(event.params))
            }
            is PanelEvent.PermissionAsked -> serverRequest(event.id, gson.toJsonTree(event.request))
            is PanelEvent.ShowSession -> JsonObject().apply { addProperty("kind", "showSession"); addProperty("sessionId", event.sessionId) }
            is PanelEvent.PermissionSettled -> JsonObject().apply { addProperty("kind", "serverRequestSettled"); addProperty("id", event.id) }
            is PanelEvent.State -> JsonObject().apply { addProperty("kind", "serverState"); addProperty("state", event.state); event.message?.let { addProperty("message", it) } }
        },
    )

    private fun send(message: JsonObject) {
        // JSON is a JavaScript expression; the page checks for its receiver in case it has not loaded yet.
        val js = "window.maestroReceive && window.maestroReceive(${gson.toJson(message)});"
        browser.cefBrowser.executeJavaScript(js, browser.cefBrowser.url, 0)
    }

    override fun dispose() {
        service.removePanelListener(listener)
        scope.cancel()
    }

    companion object {
        val HOST_ACTIONS = listOf("host/openDiff", "host/openFile", "host/reviewChanges", "host/newSession")
    }
}
