package maestro.rider.review

import com.intellij.icons.AllIcons
import com.intellij.openapi.actionSystem.AnAction
import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.application.ApplicationManager
import com.intellij.openapi.editor.ex.MarkupModelEx
import com.intellij.openapi.editor.impl.DocumentMarkupModel
import com.intellij.openapi.editor.markup.GutterIconRenderer
import com.intellij.openapi.editor.markup.HighlighterLayer
import com.intellij.openapi.editor.markup.RangeHighlighter
import com.intellij.openapi.fileEditor.FileDocumentManager
import com.intellij.openapi.project.Project
import com.intellij.openapi.vfs.LocalFileSystem
import maestro.core.protocol.ReviewHunk
import maestro.core.review.PendingFile
import maestro.core.review.ReviewModel
import maestro.rider.services.MaestroProjectService
import maestro.rider.ui.Popups
import java.util.concurrent.atomic.AtomicBoolean
import javax.swing.Icon

/**
 * One gutter marker per pending hunk, on documents already loaded (open editors): a changed file nobody opened
 * is not loaded just to mark it. Refreshes are coalesced: many `review/changed` in a row rebuild the markers once.
 */
class HunkGutterMarkers(private val project: Project, private val controller: ReviewController) {
    private val highlighters = mutableListOf<RangeHighlighter>()
    private val scheduled = AtomicBoolean(false)

    /** Rebuilds the markers once, soon, on the EDT; any thread. */
    fun refreshLater() {
        if (!scheduled.compareAndSet(false, true)) return
        ApplicationManager.getApplication().invokeLater({
            scheduled.set(false)
            refreshNow()
        }, project.disposed)
    }

    private fun refreshNow() {
        clear()
        for (model in controller.models()) {
            for (pending in model.files()) {
                val virtualFile = LocalFileSystem.getInstance().findFileByPath(pending.absolutePath) ?: continue
                val document = FileDocumentManager.getInstance().getCachedDocument(virtualFile) ?: continue
                val markup = DocumentMarkupModel.forDocument(document, project, true) as MarkupModelEx
                for (hunk in pending.hunks) {
                    val highlighter = markup.addLineHighlighter(pending.markerLine(hunk, document.lineCount), HighlighterLayer.ADDITIONAL_SYNTAX, null)
                    highlighter.gutterIconRenderer = HunkRenderer(model, pending, hunk)
                    highlighters += highlighter
                }
            }
        }
    }

    fun clear() {
        highlighters.forEach { it.dispose() }
        highlighters.clear()
    }

    private inner class HunkRenderer(private val model: ReviewModel, private val pending: PendingFile, private val hunk: ReviewHunk) : GutterIconRenderer() {
        override fun getIcon(): Icon = AllIcons.Actions.Diff

        override fun getTooltipText(): String = "Maestro: ${pending.label(hunk)}${if (hunk.mixed) " (you edited it)" else ""}"

        override fun isNavigateAction(): Boolean = true

        override fun getClickAction(): AnAction = object : AnAction() {
            override fun actionPerformed(e: AnActionEvent) {
                MaestroProjectService.getInstance(project).launch("Review") {
                    val choice = Popups.choose(project, "Maestro: ${pending.label(hunk)}", listOf("Accept hunk", "Reject hunk")) { it } ?: return@launch
                    // By id: the marker's hunk is the one the model had when the markers were drawn (a stale
                    // one is refused by the server and the review refreshes).
                    controller.decideHunk(choice.startsWith("Accept"), model, hunk.id)
                }
            }
        }

        override fun equals(other: Any?): Boolean = other is HunkRenderer && other.hunk.id == hunk.id && other.pending.absolutePath == pending.absolutePath

        override fun hashCode(): Int = hunk.id.hashCode()
    }
}
