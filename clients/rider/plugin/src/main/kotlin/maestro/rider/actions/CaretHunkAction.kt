package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.actionSystem.CommonDataKeys
import maestro.core.review.ReviewSide
import maestro.rider.review.ReviewController

/**
 * Maestro: Accept / Reject Change at Caret — in an editor on a file with pending hunks (the ones the gutter marks),
 * decides the hunk under the caret. A plain editor shows the working tree, so the caret is read on that side.
 * Registered twice in plugin.xml, as the accept and the reject subclass.
 */
abstract class CaretHunkAction(private val accept: Boolean) : MaestroAction() {
    override fun update(e: AnActionEvent) {
        val project = e.project
        val file = e.getData(CommonDataKeys.VIRTUAL_FILE)
        e.presentation.isEnabledAndVisible = project != null && file != null && e.getData(CommonDataKeys.EDITOR) != null &&
            ReviewController.getInstance(project).pendingFile(file.path) != null
    }

    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val editor = e.getData(CommonDataKeys.EDITOR) ?: return
        val path = e.getData(CommonDataKeys.VIRTUAL_FILE)?.path ?: return
        val line = editor.caretModel.logicalPosition.line + 1
        ReviewController.getInstance(project).decideAt(accept, path, line, ReviewSide.WORKING)
    }
}

class AcceptHunkAtCaretAction : CaretHunkAction(accept = true)

class RejectHunkAtCaretAction : CaretHunkAction(accept = false)
