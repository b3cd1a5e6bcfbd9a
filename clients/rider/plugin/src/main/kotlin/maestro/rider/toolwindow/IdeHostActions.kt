package maestro.rider.toolwindow

import com.intellij.diff.DiffContentFactory
import com.intellij.diff.DiffManager
import com.intellij.diff.requests.SimpleDiffRequest
import com.intellij.openapi.application.EDT
import com.intellij.openapi.fileEditor.FileEditorManager
import com.intellij.openapi.fileTypes.FileTypeManager
import com.intellij.openapi.project.Project
import com.intellij.openapi.vfs.LocalFileSystem
import com.intellij.testFramework.LightVirtualFile
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.core.panel.HostActions
import maestro.core.review.PendingFile
import maestro.core.review.ReviewModel
import maestro.core.sshhosts.HostFileView
import maestro.rider.review.ReviewController
import maestro.rider.ui.ServerOutput

/** The panel's `host/...` requests, done by the IDE; the core has resolved the paths and the review models. */
class IdeHostActions(private val project: Project) : HostActions {
    override suspend fun openDiff(review: ReviewModel, file: PendingFile) = ReviewController.getInstance(project).showDiff(review, file)

    override suspend fun openFile(absolutePath: String) = withContext(Dispatchers.EDT) {
        val file = LocalFileSystem.getInstance().refreshAndFindFileByPath(absolutePath) ?: throw IllegalArgumentException("$absolutePath does not exist")
        FileEditorManager.getInstance(project).openFile(file, true)
        Unit
    }

    /**
     * An SSH host's file is not on this disk: its text (read by the core through the server) in a read-only
     * LightVirtualFile, or a diff of two read-only text contents (DiffContentFactory.create(project, text, type)).
     */
    override suspend fun showHostFile(view: HostFileView) = withContext(Dispatchers.EDT) {
        val fileType = FileTypeManager.getInstance().getFileTypeByFileName(view.name)
        val baseline = view.baseline
        if (baseline == null) {
            val file = LightVirtualFile("${view.name} (${view.host})", fileType, view.text).apply { isWritable = false }
            FileEditorManager.getInstance(project).openFile(file, true)
        } else {
            val factory = DiffContentFactory.getInstance()
            val request = SimpleDiffRequest(
                "${view.name} on ${view.host}",
                factory.create(project, baseline, fileType),
                factory.create(project, view.text, fileType),
                "Before the agent (${view.host})",
                "Now (${view.host})",
            )
            DiffManager.getInstance().showDiff(project, request)
        }
        Unit
    }

    override suspend fun reviewChanges(review: ReviewModel) = ReviewController.getInstance(project).chooseAndShow(review)

    override suspend fun showOutput() = ServerOutput.show(project)
}
