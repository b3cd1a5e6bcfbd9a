package maestro.rider.toolwindow

import com.intellij.openapi.application.EDT
import com.intellij.openapi.fileEditor.FileEditorManager
import com.intellij.openapi.project.Project
import com.intellij.openapi.vfs.LocalFileSystem
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.core.panel.HostActions
import maestro.core.review.PendingFile
import maestro.core.review.ReviewModel
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

    override suspend fun reviewChanges(review: ReviewModel) = ReviewController.getInstance(project).chooseAndShow(review)

    override suspend fun showOutput() = ServerOutput.show(project)
}
