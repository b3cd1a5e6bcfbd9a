package maestro.rider.toolwindow

import com.intellij.openapi.project.DumbAware
import com.intellij.openapi.project.Project
import com.intellij.openapi.util.Disposer
import com.intellij.openapi.wm.ToolWindow
import com.intellij.openapi.wm.ToolWindowFactory
import com.intellij.ui.content.ContentFactory
import com.intellij.ui.jcef.JBCefApp
import maestro.rider.services.MaestroProjectService

/** The Maestro tool window: the shared panel in JCEF, or a plain Swing session list where JCEF is unavailable. */
class MaestroToolWindowFactory : ToolWindowFactory, DumbAware {
    override fun createToolWindowContent(project: Project, toolWindow: ToolWindow) {
        val service = MaestroProjectService.getInstance(project)
        service.host.ensureStarted()
        val component = if (JBCefApp.isSupported()) {
            PanelBridge(project, service).also { Disposer.register(toolWindow.disposable, it) }.component
        } else {
            SessionListPanel(project, service).also { Disposer.register(toolWindow.disposable, it) }
        }
        val content = ContentFactory.getInstance().createContent(component, null, false)
        toolWindow.contentManager.addContent(content)
    }
}
