package maestro.rider.toolwindow

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.intellij.openapi.Disposable
import com.intellij.openapi.project.Project
import com.intellij.openapi.util.Disposer
import com.intellij.ui.jcef.JBCefBrowser
import com.intellij.ui.jcef.JBCefBrowserBase
import com.intellij.ui.jcef.JBCefJSQuery
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import maestro.core.protocol.MaestroJson
import maestro.core.rpc.JsonRpcException
import maestro.rider.services.MaestroProjectService
import org.cef.browser.CefBrowser
import org.cef.browser.CefFrame
import org.cef.handler.CefLoadHandlerAdapter
import javax.swing.JComponent

/**
 * Hosts the shared panel (clients/panel/dist, packaged under /panel/dist) in a [JBCefBrowser]. The page talks to
 * the core through one [JBCefJSQuery]: it posts `{id, method, params}`; the bridge forwards the request to the
 * server and answers with `window.maestroHost.resolve(id, result, error)`. Server notifications reach the page
 * as `window.maestroHost.notify(method, params)`. Until the panel bundle exists, a built-in page
 * (/panel/fallback.html) lists sessions through the same bridge.
 */
class PanelBridge(private val project: Project, private val service: MaestroProjectService) : Disposable {
    private val browser = JBCefBrowser()
    private val query = JBCefJSQuery.create(browser as JBCefBrowserBase)
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)
    private val gson = MaestroJson.gson
    private val listener: (String, Any?) -> Unit = { method, params -> push(method, params) }

    val component: JComponent get() = browser.component

    init {
        Disposer.register(this, browser)
        Disposer.register(this, query)
        query.addHandler { request ->
            handle(request)
            JBCefJSQuery.Response("ok")
        }
        browser.jbCefClient.addLoadHandler(object : CefLoadHandlerAdapter() {
            override fun onLoadEnd(cefBrowser: CefBrowser, frame: CefFrame, httpStatusCode: Int) {
                if (frame.isMain) installHost()
            }
        }, browser.cefBrowser)
        service.addListener(listener)
        val bundle = javaClass.getResource("/panel/dist/index.html")
        if (bundle != null) {
            browser.loadURL(bundle.toExternalForm())
        } else {
            browser.loadHTML(javaClass.getResource("/panel/fallback.html")!!.readText())
        }
    }

    /** Defines `window.maestroHost` in the page: `request(method, params)` returns a Promise. */
    private fun installHost() {
        val post = query.inject("payload")
        val script = """
            (function () {
              if (window.maestroHost) return;
              const pending = new Map();
              let next = 1;
              const listeners = [];
              window.maestroHost = {
                kind: 'rider',
                request(method, params) {
                  const id = next++;
                  const payload = JSON.stringify({ id, method, params });
                  return new Promise((resolve, reject) => {
                    pending.set(id, { resolve, reject });
                    $post
                  });
                },
                resolve(id, result, error) {
                  const p = pending.get(id);
                  if (!p) return;
                  pending.delete(id);
                  if (error) p.reject(error); else p.resolve(result);
                },
                onNotification(listener) { listeners.push(listener); },
                notify(method, params) { listeners.forEach((l) => l(method, params)); },
              };
              window.dispatchEvent(new Event('maestroHostReady'));
            })();
        """.trimIndent()
        browser.cefBrowser.executeJavaScript(script, browser.cefBrowser.url, 0)
    }

    private fun handle(request: String) {
        val message = JsonParser.parseString(request).asJsonObject
        val id = message.get("id").asLong
        val method = message.get("method").asString
        val params = message.get("params")?.takeUnless { it.isJsonNull }
        scope.launch {
            val answer = try {
                val result = when (method) {
                    // Host-side operations the panel cannot do through the server.
                    "host/reviewChanges" -> { maestro.rider.review.ReviewController.getInstance(project).reviewChanges(); null }
                    "host/selectSession" -> { service.selectedSessionId = params?.asJsonObject?.get("sessionId")?.asString; null }
                    else -> service.requireClient().connection.requestRaw(method, params)
                }
                "$id, ${gson.toJson(result)}, null"
            } catch (e: JsonRpcException) {
                val error = JsonObject().apply {
                    addProperty("code", e.code)
                    addProperty("message", e.message)
                    e.rawData?.let { add("data", it) }
                }
                "$id, null, ${gson.toJson(error)}"
            } catch (e: Exception) {
                "$id, null, ${gson.toJson(mapOf("code" to -32603, "message" to (e.message ?: e.toString())))}"
            }
            browser.cefBrowser.executeJavaScript("window.maestroHost && window.maestroHost.resolve($answer);", browser.cefBrowser.url, 0)
        }
    }

    private fun push(method: String, params: Any?) {
        val js = "window.maestroHost && window.maestroHost.notify(${gson.toJson(method)}, ${gson.toJson(params)});"
        browser.cefBrowser.executeJavaScript(js, browser.cefBrowser.url, 0)
    }

    override fun dispose() {
        service.removeListener(listener)
        scope.cancel()
    }
}
