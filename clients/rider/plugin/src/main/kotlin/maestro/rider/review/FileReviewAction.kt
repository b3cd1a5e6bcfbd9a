package maestro.rider.review

import com.intellij.icons.AllIcons
import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.project.DumbAwareAction
import maestro.core.protocol.ReviewFile

/** In the review diff: accept or reject every hunk of the file shown. */
class FileReviewAction(private val accept: Boolean, private val cwd: String, private val file: ReviewFile) :
    DumbAwareAction(
        if (accept) "Accept File" else "Reject File",
        null,
        if (accept) AllIcons.Actions.Commit else AllIcons.Actions.Cancel,
    ) {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        ReviewController.getInstance(project).decide(accept, cwd, paths = listOf(file.path))
    }
}
