package maestro.rider.toolwindow

import com.intellij.openapi.Disposable
import com.intellij.openapi.application.ApplicationManager
import com.intellij.openapi.project.Project
import com.intellij.ui.components.JBList
import com.intellij.ui.components.JBScrollPane
import com.intellij.ui.SimpleListCellRenderer
import com.intellij.ui.components.JBLabel
import maestro.core.protocol.Session
import maestro.rider.services.MaestroProjectService
import maestro.rider.services.PanelEvent
import java.awt.BorderLayout
import javax.swing.DefaultListModel
import javax.swing.JPanel

/** The tool window where JCEF is unavailable: the sessions, newest first; selecting one makes it current. */
class SessionListPanel(private val project: Project, private val service: MaestroProjectService) : JPanel(BorderLayout()), Disposable {
    private val model = DefaultListModel<Session>()
    private val list = JBList(model)
    private val status = JBLabel("Connecting to maestro…")
    private val listener: (PanelEvent) -> Unit = { event ->
        ApplicationManager.getApplication().invokeLater {
            if (event is PanelEvent.State) status.text = "Maestro: ${event.state}" + (event.message?.let { " ($it)" } ?: "")
            refresh()
        }
    }

    init {
        list.cellRenderer = SimpleListCellRenderer.create("") { s -> "${s.name}  ·  ${s.agentId}  ·  ${s.status.name.lowercase()}" }
        list.addListSelectionListener { service.selectedSessionId = list.selectedValue?.id }
        add(status, BorderLayout.NORTH)
        add(JBScrollPane(list), BorderLayout.CENTER)
        add(JBLabel("JCEF is not available in this IDE: showing the plain session list. Use Find Action → Maestro for commands."), BorderLayout.SOUTH)
        service.addPanelListener(listener)
        refresh()
    }

    private fun refresh() {
        val selected = list.selectedValue?.id
        model.clear()
        service.store.sessions().forEach { model.addElement(it) }
        (0 until model.size).firstOrNull { model[it].id == selected }?.let { list.selectedIndex = it }
    }

    override fun dispose() = service.removePanelListener(listener)
}
