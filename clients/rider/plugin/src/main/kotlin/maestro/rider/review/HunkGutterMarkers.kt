package maestro.rider.review

import com.intellij.icons.AllIcons
import com.intellij.openapi.actionSystem.AnAction
import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.editor.ex.MarkupModelEx
import com.intellij.openapi.editor.impl.DocumentMarkupModel
import com.intellij.openapi.editor.markup.GutterIconRenderer
import com.intellij.openapi.editor.markup.HighlighterLayer
import com.intellij.openapi.editor.markup.RangeHighlighter
import com.intellij.openapi.fileEditor.FileDocumentManager
import com.intellij.openapi.project.Project
import com.intellij.openapi.ui.popup.JBPopupFactory
import com.intellij.openapi.vfs.LocalFileSystem
import maestro.core.protocol.ReviewHunk
import javax.swing.Icon

/** One gutter marker per pending hunk, on the document of each changed file; clicking it offers accept/reject. */
class HunkGutterMarkers(private val project: Project, private val controller: ReviewController) {
    private val highlighters = mutableListOf<RangeHighlighter>()

    /** Call on the EDT. */
    fun refreshAll() {
        clear()
        for ((path, entry) in controller.pending) {
            val (cwd, file) = entry
            val virtualFile = LocalFileSystem.getInstance().findFileByPath(path) ?: continue
            val document = FileDocumentManager.getInstance().getDocument(virtualFile) ?: continue
            val markup = DocumentMarkupModel.forDocument(document, project, true) as MarkupModelEx
            for (hunk in file.hunks) {
                val line = (hunk.newStart - 1).coerceIn(0, maxOf(document.lineCount - 1, 0))
                val highlighter = markup.addLineHighlighter(line, HighlighterLayer.ADDITIONAL_SYNTAX, null)
                highlighter.gutterIconRenderer = HunkRenderer(cwd, hunk)
                highlighters += highlighter
            }
        }
    }

    fun clear() {
        highlighters.forEach { it.dispose() }
        highlighters.clear()
    }

    private inner class HunkRenderer(private val cwd: String, private val hunk: ReviewHunk) : GutterIconRenderer() {
        override fun getIcon(): Icon = AllIcons.Actions.Diff

        override fun getTooltipText(): String = "Maestro: pending change ${hunk.header}"

        override fun isNavigateAction(): Boolean = true

        override fun getClickAction(): AnAction = object : AnAction() {
            override fun actionPerformed(e: AnActionEvent) {
                JBPopupFactory.getInstance()
                    .createPopupChooserBuilder(listOf("Accept hunk", "Reject hunk"))
                    .setItemChosenCallback { choice ->
                        controller.decide(choice.startsWith("Accept"), cwd, hunkIds = listOf(hunk.id))
                    }
                    .createPopup()
                    .showInBestPositionFor(e.dataContext)
            }
        }

        override fun equals(other: Any?): Boolean = other is HunkRenderer && other.hunk.id == hunk.id

        override fun hashCode(): Int = hunk.id.hashCode()
    }
}
