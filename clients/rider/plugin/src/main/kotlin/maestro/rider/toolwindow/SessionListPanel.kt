package maestro.rider.toolwindow

import com.intellij.openapi.Disposable
import com.intellij.openapi.application.ApplicationManager
import com.intellij.openapi.project.Project
import com.intellij.ui.SimpleListCellRenderer
import com.intellij.ui.components.JBLabel
import com.intellij.ui.components.JBList
import com.intellij.ui.components.JBScrollPane
import maestro.core.host.HostEvent
import maestro.core.protocol.Methods
import maestro.core.protocol.Session
import maestro.core.sessions.SessionPicker
import maestro.rider.services.MaestroProjectService
import java.awt.BorderLayout
import java.util.concurrent.atomic.AtomicBoolean
import javax.swing.DefaultListModel
import javax.swing.JPanel

/**
 * The tool window where JCEF is unavailable: the sessions, newest first; selecting one makes it current. The list
 * is rebuilt only when a session or the connection changed, and at most once per UI turn however many arrive.
 */
class SessionListPanel(private val project: Project, private val service: MaestroProjectService) : JPanel(BorderLayout()), Disposable {
    private val model = DefaultListModel<Session>()
    private val list = JBList(model)
    private val status = JBLabel("Connecting to maestro…")
    private val scheduled = AtomicBoolean(false)

    @Volatile
    private var state: HostEvent.State? = null
    private val unsubscribe = service.host.addListener { event ->
        when {
            event is HostEvent.State -> {
                state = event
                refreshLater()
            }
            event is HostEvent.Notification && event.method == Methods.SESSIONS_CHANGED -> refreshLater()
        }
    }

    init {
        list.cellRenderer = SimpleListCellRenderer.create("") { s: Session -> SessionPicker.label(s) }
        list.addListSelectionListener { service.host.selectedSessionId = list.selectedValue?.id }
        add(status, BorderLayout.NORTH)
        add(JBScrollPane(list), BorderLayout.CENTER)
        add(JBLabel("JCEF is not available in this IDE: showing the plain session list. Use Find Action → Maestro for commands."), BorderLayout.SOUTH)
        refreshLater()
    }

    private fun refreshLater() {
        if (!scheduled.compareAndSet(false, true)) return
        ApplicationManager.getApplication().invokeLater({
            scheduled.set(false)
            refresh()
        }, project.disposed)
    }

    private fun refresh() {
        state?.let { s -> status.text = "Maestro: ${s.state}" + (s.message?.let { " ($it)" } ?: "") }
        val selected = list.selectedValue?.id
        model.clear()
        service.host.store.sessions().forEach { model.addElement(it) }
        (0 until model.size).firstOrNull { model[it].id == selected }?.let { list.selectedIndex = it }
    }

    override fun dispose() = unsubscribe()
}
