package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.actionSystem.CommonDataKeys
import maestro.rider.review.ReviewController

/** Maestro: Open Diff with Index — the review diff (index vs working file, with accept/reject) of the current file. */
class OpenDiffAction : MaestroAction() {
    override fun update(e: AnActionEvent) {
        val project = e.project
        val file = e.getData(CommonDataKeys.VIRTUAL_FILE)
        e.presentation.isEnabledAndVisible = project != null && file != null && ReviewController.getInstance(project).pendingFile(file.path) != null
    }

    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val path = e.getData(CommonDataKeys.VIRTUAL_FILE)?.path ?: return
        ReviewController.getInstance(project).showDiffOf(path)
    }
}
