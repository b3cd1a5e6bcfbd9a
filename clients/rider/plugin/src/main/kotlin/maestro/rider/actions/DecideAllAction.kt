package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.application.UI
import com.intellij.openapi.ui.Messages
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.rider.review.ReviewController
import maestro.rider.services.MaestroProjectService

/**
 * Maestro: Accept All / Reject All Changes — every pending agent hunk of the current session's repository (never
 * the user's own edits). The core sends `paths: ["."]` (the server refuses a selection naming nothing). Reject All
 * names the sessions and files first, and its default button is the harmless one; the reject can be undone.
 * Registered as the two subclasses.
 */
abstract class DecideAllAction(private val accept: Boolean) : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        val host = MaestroProjectService.getInstance(project).host
        val title = if (accept) "Accept All" else "Reject All"
        background(project, title) {
            val review = host.review()
            review.refresh()
            val root = review.paths().root
            val files = review.files().map { it.path }
            val sessions = review.sessions().map { it.name }.ifEmpty { listOf("the agents") }.joinToString()
            val shown = files.take(10).joinToString() + if (files.size > 10) ", and ${files.size - 10} more" else ""
            val question = if (accept) {
                "Keep every change of $sessions in $root ($shown)? Git's index is not touched."
            } else {
                "Reject every change of $sessions in ${files.size} file(s): $shown?\n\nOnly the agents' lines are taken back; your own edits stay. " +
                    "Files the agents created go to Maestro's trash. You can undo it afterwards."
            }
            // The first option is the default: the harmless one, so Enter never rejects.
            val options = arrayOf("Cancel", title)
            val yes = withContext(Dispatchers.UI) { Messages.showDialog(project, question, "Maestro: $title", options, 0, Messages.getWarningIcon()) == 1 }
            if (yes) ReviewController.getInstance(project).decideAll(accept, review)
        }
    }
}

class AcceptAllAction : DecideAllAction(accept = true)

class RejectAllAction : DecideAllAction(accept = false)
