package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.actionSystem.CommonDataKeys
import maestro.rider.review.ReviewController

/**
 * Maestro: Accept / Reject Change at Caret — in any editor on a file with pending hunks (the ones the gutter marks),
 * decides the hunk under the caret. Registered twice in plugin.xml, as the accept and the reject subclass.
 */
abstract class CaretHunkAction(private val accept: Boolean) : MaestroAction() {
    override fun update(e: AnActionEvent) {
        val project = e.project
        val file = e.getData(CommonDataKeys.VIRTUAL_FILE)
        e.presentation.isEnabledAndVisible = project != null && file != null && e.getData(CommonDataKeys.EDITOR) != null &&
            ReviewController.getInstance(project).pending.containsKey(file.path)
    }

    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val editor = e.getData(CommonDataKeys.EDITOR) ?: return
        val path = e.getData(CommonDataKeys.VIRTUAL_FILE)?.path ?: return
        val controller = ReviewController.getInstance(project)
        val (cwd, file) = controller.pending[path] ?: return
        val hunk = controller.hunkAt(file, editor.caretModel.logicalPosition.line + 1)
        if (hunk == null) {
            notify(project, "No pending change at the caret in ${file.path}.")
            return
        }
        controller.decide(accept, cwd, hunkIds = listOf(hunk.id))
    }
}

class AcceptHunkAtCaretAction : CaretHunkAction(accept = true)

class RejectHunkAtCaretAction : CaretHunkAction(accept = false)
