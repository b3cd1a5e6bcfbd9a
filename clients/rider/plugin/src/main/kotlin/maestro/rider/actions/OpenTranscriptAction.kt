package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.application.EDT
import com.intellij.openapi.fileEditor.FileEditorManager
import com.intellij.testFramework.LightVirtualFile
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.core.sessions.SessionPurpose
import maestro.core.sessions.TranscriptMarkdown

/** Maestro: Open Transcript — the session in the tool window's panel, and its events (filled from history) as a read-only Markdown editor tab. */
class OpenTranscriptAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "Open Transcript") { host ->
            val session = SessionChooser.pick(project, host, SessionPurpose.TRANSCRIPT) ?: return@background
            host.showInPanel(session.id)
            host.store.load(session.id)
            val text = TranscriptMarkdown.render(session, host.store.transcript(session.id).events())
            // An editor tab: platform model work, so the EDT (with its write-intent lock), not Dispatchers.UI.
            withContext(Dispatchers.EDT) {
                val file = LightVirtualFile("${session.name}.md", text).apply { isWritable = false }
                FileEditorManager.getInstance(project).openFile(file, true)
            }
        }
    }
}
