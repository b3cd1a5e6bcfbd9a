package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.application.EDT
import com.intellij.openapi.fileEditor.FileEditorManager
import com.intellij.testFramework.LightVirtualFile
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.core.protocol.SessionEvent

/** Maestro: Open Transcript — the session in the tool window's panel, and its events (filled from history) as a read-only Markdown editor tab. */
class OpenTranscriptAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project) { service ->
            val session = SessionPicker.pick(project, service) ?: return@background
            service.showInPanel(session.id)
            service.store.load(session.id)
            val text = buildString {
                append("# ").append(session.name).append(" (").append(session.agentId).append(")\n\n")
                for (n in service.store.transcript(session.id).events()) {
                    when (val ev = n.event) {
                        is SessionEvent.Prompt -> append("\n## You\n\n").append(ev.text).append("\n")
                        is SessionEvent.Message -> append("\n").append(ev.text).append("\n")
                        is SessionEvent.ToolCall -> append("\n- tool `").append(ev.kind).append("`: ").append(ev.title).append("\n")
                        is SessionEvent.FileChange -> append("- ").append(ev.change.name.lowercase()).append(" `").append(ev.path).append("`\n")
                        is SessionEvent.Error -> append("\n> error: ").append(ev.message).append("\n")
                        is SessionEvent.Status -> ev.stopReason?.let { append("\n_turn ended: ").append(it.name.lowercase()).append("_\n") }
                        else -> Unit
                    }
                }
            }
            withContext(Dispatchers.EDT) {
                val file = LightVirtualFile("${session.name}.md", text).apply { isWritable = false }
                FileEditorManager.getInstance(project).openFile(file, true)
            }
        }
    }
}
