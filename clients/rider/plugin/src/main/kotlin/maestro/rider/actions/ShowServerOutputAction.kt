package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.fileEditor.FileEditorManager
import com.intellij.openapi.vfs.LocalFileSystem
import maestro.rider.services.MaestroProjectService

/** Maestro: Show Server Output — the server's stderr log (the IDE log folder's maestro-server.log) in an editor. */
class ShowServerOutputAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val log = LocalFileSystem.getInstance().refreshAndFindFileByIoFile(MaestroProjectService.serverLogFile())
        if (log == null) {
            notify(project, "The server has written no output yet.")
            return
        }
        FileEditorManager.getInstance(project).openFile(log, true)
    }
}
