package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.application.UI
import com.intellij.openapi.ui.Messages
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.rider.review.ReviewController
import maestro.rider.services.MaestroProjectService

/**
 * Maestro: Accept All / Reject All Changes — every pending hunk of the current session's repository. The core
 * sends `paths: ["."]` (the server refuses a selection naming nothing). Registered as the two subclasses.
 */
abstract class DecideAllAction(private val accept: Boolean) : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val host = MaestroProjectService.getInstance(project).host
        val title = if (accept) "Accept All" else "Reject All"
        background(project, title) {
            val review = host.review()
            val root = review.paths().root
            val question = if (accept) "Accept (stage) every pending change in $root?" else "Reject (discard) every pending change in $root?"
            val yes = withContext(Dispatchers.UI) { Messages.showYesNoDialog(project, question, "Maestro: $title", null) == Messages.YES }
            if (yes) ReviewController.getInstance(project).decideAll(accept, review)
        }
    }
}

class AcceptAllAction : DecideAllAction(accept = true)

class RejectAllAction : DecideAllAction(accept = false)
