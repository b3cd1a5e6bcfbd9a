package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.application.UI
import com.intellij.openapi.ui.Messages
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.core.sessions.SessionPurpose
import maestro.rider.ui.Notifier

/** Maestro: Prompt Session — asks for a prompt and sends it; the answer streams into the tool window. */
class PromptSessionAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "Prompt Session") { host ->
            val session = SessionChooser.pick(project, host, SessionPurpose.PROMPT) ?: return@background
            val text = withContext(Dispatchers.UI) {
                Messages.showMultilineInputDialog(project, "Prompt for ${session.name}", "Maestro: Prompt Session", "", null, null)
            } ?: return@background
            if (text.isBlank()) return@background
            host.showInPanel(session.id)
            val result = host.requireClient().prompt(session.id, text)
            Notifier.info(project, "${session.name}: turn ended (${result.stopReason.name.lowercase()})")
        }
    }
}
