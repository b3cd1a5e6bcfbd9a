package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.ui.Messages
import maestro.rider.review.ReviewController

/** Maestro: Accept All Changes — stages every pending hunk of the current session's folder. */
class AcceptAllAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val review = ReviewController.getInstance(project)
        val cwd = review.cwd()
        if (Messages.showYesNoDialog(project, "Accept every pending change in $cwd?", "Maestro: Accept All", null) == Messages.YES) {
            review.decide(accept = true, cwd)
        }
    }
}
