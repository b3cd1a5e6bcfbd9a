package maestro.rider.review

import com.intellij.icons.AllIcons
import com.intellij.openapi.actionSystem.ActionUpdateThread
import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.actionSystem.CommonDataKeys
import com.intellij.openapi.editor.Document
import com.intellij.openapi.project.DumbAwareAction
import maestro.core.review.ReviewModel
import maestro.core.review.ReviewSide

/**
 * In the review diff: accept or reject the agent hunk under the caret. The caret may be on either side; the side
 * is the agent's baseline when the editor shows this diff's [baselineDocument], and the core reads the line there.
 */
class HunkAtCaretAction(
    private val accept: Boolean,
    private val review: ReviewModel,
    private val absolutePath: String,
    private val baselineDocument: Document,
) : DumbAwareAction(
    if (accept) "Accept Hunk" else "Reject Hunk",
    if (accept) "Keep the agent's change at the caret" else "Take back the agent's change at the caret (Undo brings it back)",
    if (accept) AllIcons.Actions.Checked else AllIcons.Actions.Rollback,
) {
    override fun getActionUpdateThread() = ActionUpdateThread.EDT

    override fun update(e: AnActionEvent) {
        e.presentation.isEnabled = e.getData(CommonDataKeys.EDITOR) != null && e.project != null
    }

    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val editor = e.getData(CommonDataKeys.EDITOR) ?: return
        val side = if (editor.document === baselineDocument) ReviewSide.BASELINE else ReviewSide.WORKING
        val line = editor.caretModel.logicalPosition.line + 1
        ReviewController.getInstance(project).decideAt(accept, absolutePath, line, side, review)
    }
}
