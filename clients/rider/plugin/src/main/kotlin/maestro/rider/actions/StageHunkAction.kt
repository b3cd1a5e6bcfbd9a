package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.actionSystem.CommonDataKeys
import maestro.rider.review.ReviewController

/**
 * Maestro: Stage Hunk (git add) — stages the change under the caret, any uncommitted change (the user's too), picked
 * from the index review. The one review action that touches git's index: accept and reject never do.
 */
class StageHunkAction : MaestroAction() {
    override fun update(e: AnActionEvent) {
        e.presentation.isEnabledAndVisible = e.project != null && e.getData(CommonDataKeys.VIRTUAL_FILE) != null && e.getData(CommonDataKeys.EDITOR) != null
    }

    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val editor = e.getData(CommonDataKeys.EDITOR) ?: return
        val path = e.getData(CommonDataKeys.VIRTUAL_FILE)?.path ?: return
        ReviewController.getInstance(project).stageAt(path, editor.caretModel.logicalPosition.line + 1)
    }
}
