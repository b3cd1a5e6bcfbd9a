package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent

/** Maestro: Show Server Output — the server's stderr log (the IDE log folder's maestro-server.log) in an editor. */
class ShowServerOutputAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "Show Server Output") { maestro.rider.ui.ServerOutput.show(project) }
    }
}
