package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.ui.Messages
import maestro.rider.review.ReviewController

/** Maestro: Reject All Changes — restores every pending hunk of the current session's folder from the index. */
class RejectAllAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val review = ReviewController.getInstance(project)
        val cwd = review.cwd()
        if (Messages.showYesNoDialog(project, "Reject (discard) every pending change in $cwd?", "Maestro: Reject All", null) == Messages.YES) {
            review.decide(accept = false, cwd)
        }
    }
}
