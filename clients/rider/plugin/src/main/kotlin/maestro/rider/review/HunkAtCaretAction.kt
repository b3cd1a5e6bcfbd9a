package maestro.rider.review

import com.intellij.icons.AllIcons
import com.intellij.openapi.actionSystem.ActionUpdateThread
import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.actionSystem.CommonDataKeys
import com.intellij.openapi.project.DumbAwareAction
import maestro.core.protocol.ReviewFile

/** In the review diff: accept or reject the hunk under the caret of the working-tree side. */
class HunkAtCaretAction(private val accept: Boolean, private val cwd: String, private val file: ReviewFile) :
    DumbAwareAction(
        if (accept) "Accept Hunk" else "Reject Hunk",
        if (accept) "Stage the hunk at the caret" else "Restore the hunk at the caret from the index",
        if (accept) AllIcons.Actions.Checked else AllIcons.Actions.Rollback,
    ) {
    override fun getActionUpdateThread() = ActionUpdateThread.EDT

    override fun update(e: AnActionEvent) {
        e.presentation.isEnabled = e.getData(CommonDataKeys.EDITOR) != null && e.project != null
    }

    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val editor = e.getData(CommonDataKeys.EDITOR) ?: return
        val controller = ReviewController.getInstance(project)
        val line = editor.caretModel.logicalPosition.line + 1
        val hunk = controller.hunkAt(file, line) ?: return
        controller.decide(accept, cwd, hunkIds = listOf(hunk.id))
    }
}
