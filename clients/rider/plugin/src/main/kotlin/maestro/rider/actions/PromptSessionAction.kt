package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.application.EDT
import com.intellij.openapi.ui.Messages
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** Maestro: Prompt Session — asks for a prompt and sends it; the answer streams into the tool window. */
class PromptSessionAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project) { service ->
            val session = SessionPicker.pick(project, service) { it.status.name != "CLOSED" } ?: service.createSession()
            val text = withContext(Dispatchers.EDT) {
                Messages.showMultilineInputDialog(project, "Prompt for ${session.name}", "Maestro: Prompt Session", "", null, null)
            } ?: return@background
            if (text.isBlank()) return@background
            val result = service.requireClient().prompt(session.id, text)
            notify(project, "${session.name}: turn ended (${result.stopReason.name.lowercase()})")
        }
    }
}
