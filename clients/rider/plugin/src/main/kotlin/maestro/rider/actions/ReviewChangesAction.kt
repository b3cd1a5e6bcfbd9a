package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.rider.review.ReviewController

/** Maestro: Review Changes — the pending hunks of the current session's repository, one diff per file. */
class ReviewChangesAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        ReviewController.getInstance(project).reviewChanges()
    }
}
