package maestro.rider.review

import com.intellij.icons.AllIcons
import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.project.DumbAwareAction
import maestro.core.review.ReviewModel

/** In the review diff: accept or reject every hunk of the file shown (the core names it by its server path). */
class FileReviewAction(private val accept: Boolean, private val review: ReviewModel, private val absolutePath: String) :
    DumbAwareAction(
        if (accept) "Accept File" else "Reject File",
        null,
        if (accept) AllIcons.Actions.Commit else AllIcons.Actions.Cancel,
    ) {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        ReviewController.getInstance(project).decideFile(accept, review, absolutePath)
    }
}
