package maestro.rider.actions

import com.intellij.openapi.application.EDT
import com.intellij.openapi.project.Project
import com.intellij.openapi.ui.popup.JBPopupFactory
import com.intellij.ui.SimpleListCellRenderer
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.core.protocol.Session
import maestro.rider.services.MaestroProjectService

/** The session an action acts on: the tool window's selection, else the user's pick from a popup. */
object SessionPicker {
    suspend fun pick(project: Project, service: MaestroProjectService, filter: (Session) -> Boolean = { true }): Session? {
        val sessions = service.requireClient().listSessions().sessions.filter(filter)
        sessions.forEach { service.store.updateSession(it) }
        sessions.firstOrNull { it.id == service.selectedSessionId }?.let { return it }
        if (sessions.size == 1) return sessions.single()
        if (sessions.isEmpty()) return null
        val chosen = CompletableDeferred<Session?>()
        withContext(Dispatchers.EDT) {
            JBPopupFactory.getInstance()
                .createPopupChooserBuilder(sessions)
                .setTitle("Maestro Session")
                .setRenderer(SimpleListCellRenderer.create("") { "${it.name} · ${it.agentId} · ${it.status.name.lowercase()}" })
                .setItemChosenCallback { chosen.complete(it) }
                .addListener(object : com.intellij.openapi.ui.popup.JBPopupListener {
                    override fun onClosed(event: com.intellij.openapi.ui.popup.LightweightWindowEvent) {
                        chosen.complete(null)
                    }
                })
                .createPopup()
                .showCenteredInCurrentWindow(project)
        }
        return chosen.await()?.also { service.selectedSessionId = it.id }
    }
}
