package maestro.rider.toolwindow

import com.intellij.ide.BrowserUtil
import com.intellij.ide.ui.LafManagerListener
import com.intellij.openapi.application.ApplicationManager
import com.intellij.openapi.editor.colors.EditorColorsListener
import com.intellij.openapi.editor.colors.EditorColorsManager
import com.intellij.openapi.editor.colors.EditorColorsScheme
import com.intellij.openapi.Disposable
import com.intellij.openapi.project.Project
import com.intellij.openapi.util.Disposer
import com.intellij.ui.jcef.JBCefBrowser
import com.intellij.ui.jcef.JBCefBrowserBase
import com.intellij.ui.jcef.JBCefJSQuery
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.job
import maestro.core.panel.NavigationPolicy
import maestro.core.panel.PanelHost
import maestro.core.panel.ThemeVariables
import maestro.rider.services.MaestroProjectService
import org.cef.browser.CefBrowser
import org.cef.browser.CefFrame
import org.cef.handler.CefLifeSpanHandlerAdapter
import org.cef.handler.CefLoadHandlerAdapter
import org.cef.handler.CefRequestHandlerAdapter
import org.cef.network.CefRequest
import javax.swing.JComponent

/**
 * Hosts the shared panel in a [JBCefBrowser]: the page posts JSON through `window.maestroHostPost` (one
 * [JBCefJSQuery]) and receives `window.maestroReceive(message)`. What the messages mean is the core's
 * [PanelHost]; this class binds it to JCEF and keeps the browser on the plugin's own page: navigation elsewhere
 * is refused (a link opens in the system browser, [NavigationPolicy]), popups are refused, and the bridge is
 * injected only into the page this class loaded.
 */
class PanelBridge(private val project: Project, service: MaestroProjectService) : Disposable {
    private val browser = JBCefBrowser()
    private val query = JBCefJSQuery.create(browser as JBCefBrowserBase)

    // A child of the project service's scope: ends with the panel, and with the project at the latest.
    private val scope = CoroutineScope(SupervisorJob(service.host.scope.coroutineContext.job))
    private val panel = PanelHost(service.host, IdeHostActions(project), scope, "jcef") { json -> send(json) }

    /**
     * The URL of the page this class loads. JBCefBrowser.loadHTML keeps a `file://` URL as given
     * (JBCefFileSchemeHandlerFactory.makeFileUrl) and serves the text under it once.
     */
    private val pageUrl = PanelPage.URL

    val component: JComponent get() = browser.component

    init {
        Disposer.register(this, browser)
        Disposer.register(this, query)
        query.addHandler { payload ->
            panel.receive(payload)
            JBCefJSQuery.Response("ok")
        }
        browser.jbCefClient.addRequestHandler(object : CefRequestHandlerAdapter() {
            override fun onBeforeBrowse(browser: CefBrowser, frame: CefFrame, request: CefRequest, userGesture: Boolean, isRedirect: Boolean): Boolean {
                val url = request.url
                return when (NavigationPolicy.decide(url, pageUrl)) {
                    NavigationPolicy.Decision.ALLOW -> false
                    NavigationPolicy.Decision.OPEN_EXTERNALLY -> {
                        if (userGesture) BrowserUtil.browse(url)
                        true
                    }
                    NavigationPolicy.Decision.REFUSE -> true
                }
            }
        }, browser.cefBrowser)
        browser.jbCefClient.addLifeSpanHandler(object : CefLifeSpanHandlerAdapter() {
            // target=_blank and window.open: never a new browser window; a link still opens externally.
            override fun onBeforePopup(browser: CefBrowser, frame: CefFrame, targetUrl: String?, targetFrameName: String?): Boolean {
                if (NavigationPolicy.decide(targetUrl, pageUrl) == NavigationPolicy.Decision.OPEN_EXTERNALLY) BrowserUtil.browse(targetUrl!!)
                return true
            }
        }, browser.cefBrowser)
        browser.jbCefClient.addLoadHandler(object : CefLoadHandlerAdapter() {
            override fun onLoadEnd(cefBrowser: CefBrowser, frame: CefFrame, httpStatusCode: Int) {
                if (frame.isMain && NavigationPolicy.isPluginPage(frame.url, pageUrl)) installHost()
            }
        }, browser.cefBrowser)
        browser.loadHTML(PanelPage.html(IdeThemeColors.stylesheet(), ThemeVariables.bodyClass(IdeThemeColors.dark())) ?: PanelPage.fallback(), pageUrl)
        // The IDE's theme or editor colour scheme changed: the page takes the new colours at once (no reload).
        val bus = ApplicationManager.getApplication().messageBus.connect(this)
        bus.subscribe(LafManagerListener.TOPIC, LafManagerListener { applyTheme() })
        bus.subscribe(EditorColorsManager.TOPIC, object : EditorColorsListener {
            override fun globalSchemeChange(scheme: EditorColorsScheme?) = applyTheme()
        })
    }

    private fun applyTheme() {
        val url = browser.cefBrowser.url
        if (NavigationPolicy.isPluginPage(url, pageUrl)) browser.cefBrowser.executeJavaScript(IdeThemeColors.script(), url, 0)
    }

    /** Gives the page its way to post to us, then tells the panel (which waits for this event) that it can start. */
    private fun installHost() {
        val script = """
            window.maestroHostPost = function (payload) { ${query.inject("payload")} };
            window.dispatchEvent(new Event('maestroHostReady'));
        """.trimIndent()
        browser.cefBrowser.executeJavaScript(script, browser.cefBrowser.url, 0)
    }

    private fun send(json: String) {
        val url = browser.cefBrowser.url
        // Only ever into the plugin's page (a refused navigation never leaves another page loaded, but be sure).
        if (NavigationPolicy.isPluginPage(url, pageUrl)) browser.cefBrowser.executeJavaScript(PanelHost.script(json), url, 0)
    }

    override fun dispose() {
        panel.close()
        scope.cancel()
    }
}
