package maestro.rider.ui

import com.intellij.openapi.application.EDT
import com.intellij.openapi.fileEditor.FileEditorManager
import com.intellij.openapi.project.Project
import com.intellij.openapi.vfs.LocalFileSystem
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.rider.services.MaestroProjectService

/** The server's stderr log (the IDE log folder's maestro-server.log) in an editor tab. */
object ServerOutput {
    suspend fun show(project: Project) {
        val log = MaestroProjectService.serverLogFile()
        if (!log.isFile) {
            Notifier.info(project, "The server has written no output yet.")
            return
        }
        withContext(Dispatchers.EDT) {
            LocalFileSystem.getInstance().refreshAndFindFileByIoFile(log)?.let { FileEditorManager.getInstance(project).openFile(it, true) }
        }
    }
}
