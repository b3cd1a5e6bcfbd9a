package maestro.rider.review

import com.intellij.diff.DiffContentFactory
import com.intellij.diff.DiffManager
import com.intellij.diff.requests.SimpleDiffRequest
import com.intellij.diff.util.DiffUserDataKeys
import com.intellij.openapi.Disposable
import com.intellij.openapi.actionSystem.AnAction
import com.intellij.openapi.application.ApplicationManager
import com.intellij.openapi.application.EDT
import com.intellij.openapi.components.Service
import com.intellij.openapi.components.service
import com.intellij.openapi.editor.Document
import com.intellij.openapi.editor.EditorFactory
import com.intellij.openapi.fileEditor.FileDocumentManager
import com.intellij.openapi.fileEditor.FileEditorManager
import com.intellij.openapi.fileEditor.FileEditorManagerListener
import com.intellij.openapi.fileTypes.FileTypeManager
import com.intellij.openapi.project.Project
import com.intellij.openapi.vfs.LocalFileSystem
import com.intellij.openapi.vfs.VfsUtil
import com.intellij.openapi.vfs.VirtualFile
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import maestro.core.review.IndexContent
import maestro.core.review.PendingFile
import maestro.core.review.ReviewModel
import maestro.core.review.ReviewOutcome
import maestro.core.review.ReviewSide
import maestro.rider.services.MaestroProjectService
import maestro.rider.ui.Notifier
import maestro.rider.ui.Popups
import java.util.concurrent.ConcurrentHashMap

/**
 * Binds the core's review models to the platform: the diff viewer (index document vs the working file), the
 * gutter markers and the VFS. What is pending, which hunk a caret is on and what to send are the core's
 * ([ReviewModel]); after each decision the model has refreshed itself, and this refreshes the VFS under the
 * repository root, the index side of every open review diff and the markers. Git runs off the UI thread.
 */
@Service(Service.Level.PROJECT)
class ReviewController(private val project: Project, @Suppress("unused") private val scope: CoroutineScope) : Disposable {
    private val maestro get() = MaestroProjectService.getInstance(project)
    private val markers = HunkGutterMarkers(project, this)
    private val tracked = ConcurrentHashMap.newKeySet<ReviewModel>()

    /** The index side of each open review diff, by absolute path: updated after every decision. */
    private val indexDocuments = ConcurrentHashMap<String, Document>()

    init {
        // A file opened later gets its markers too (markers go only on documents already loaded).
        project.messageBus.connect(this).subscribe(
            FileEditorManagerListener.FILE_EDITOR_MANAGER,
            object : FileEditorManagerListener {
                override fun fileOpened(source: FileEditorManager, file: VirtualFile) = markers.refreshLater()
            },
        )
    }

    /** Every model shown is tracked: its refreshes (after decisions, or `review/changed`) move the markers. */
    fun track(model: ReviewModel): ReviewModel {
        if (tracked.add(model)) model.onChanged { markers.refreshLater() }
        return model
    }

    fun models(): List<ReviewModel> = tracked.toList()

    /** The pending file at [path] in any review shown so far, with its model. */
    fun pendingFile(path: String): Pair<ReviewModel, PendingFile>? =
        tracked.firstNotNullOfOrNull { model -> model.file(path)?.let { model to it } }

    /** Review Changes: the current session's repository; the user picks a file, its diff opens. */
    fun reviewChanges() = maestro.launch("Review Changes") { host ->
        val review = track(host.review())
        review.refresh()
        chooseAndShow(review)
    }

    suspend fun chooseAndShow(review: ReviewModel) {
        track(review)
        val files = review.files()
        if (files.isEmpty()) {
            Notifier.info(project, "No changes to review in ${review.paths().root}")
            return
        }
        val title = "Review Changes (${files.sumOf { it.file.hunks.size }} hunks)"
        val file = Popups.choose(project, title, files) { "${it.path}  (${it.file.status.name.lowercase()}, ${it.file.hunks.size} hunks)" } ?: return
        showDiff(review, file)
    }

    fun showDiffOf(path: String) = maestro.launch("Open Diff") {
        val (review, file) = pendingFile(path) ?: return@launch
        showDiff(review, file)
    }

    /** Index version vs working file in the diff viewer, with accept/reject in its toolbar. */
    suspend fun showDiff(review: ReviewModel, file: PendingFile) {
        track(review)
        val root = review.paths().root
        // git show runs on the IO dispatcher (IndexContent), never on the UI thread.
        val indexText = IndexContent.read(root, file.file.oldPath ?: file.path)
        withContext(Dispatchers.EDT) {
            val absolute = file.absolutePath
            val fileType = FileTypeManager.getInstance().getFileTypeByFileName(absolute.substringAfterLast('/'))
            val factory = DiffContentFactory.getInstance()
            val indexDocument = EditorFactory.getInstance().createDocument(indexText).apply { setReadOnly(true) }
            val working = LocalFileSystem.getInstance().findFileByPath(absolute)
            val request = object : SimpleDiffRequest(
                "Maestro review: ${file.path}",
                factory.create(project, indexDocument, fileType),
                if (working != null) factory.create(project, working) else factory.createEmpty(),
                "Index",
                "Working tree (agent's changes)",
            ) {
                override fun onAssigned(isAssigned: Boolean) {
                    super.onAssigned(isAssigned)
                    if (isAssigned) indexDocuments[absolute] = indexDocument else indexDocuments.remove(absolute, indexDocument)
                }
            }
            val actions: List<AnAction> = listOf(
                HunkAtCaretAction(accept = true, review, absolute, indexDocument),
                HunkAtCaretAction(accept = false, review, absolute, indexDocument),
                FileReviewAction(accept = true, review, absolute),
                FileReviewAction(accept = false, review, absolute),
            )
            request.putUserData(DiffUserDataKeys.CONTEXT_ACTIONS, actions)
            DiffManager.getInstance().showDiff(project, request)
        }
    }

    /** The hunk under [line] (1-based) of [path] on [side]; a decision, then the views follow the refreshed model. */
    fun decideAt(accept: Boolean, path: String, line: Int, side: ReviewSide, model: ReviewModel? = null) =
        maestro.launch(if (accept) "Accept Change" else "Reject Change") {
            val review = model ?: pendingFile(path)?.first ?: return@launch
            saveDocuments()
            val outcome = review.decideAt(accept, path, line, side)
            if (outcome == null) Notifier.info(project, "No pending change at line $line.") else after(review, outcome)
        }

    fun decideFile(accept: Boolean, review: ReviewModel, path: String) = maestro.launch(if (accept) "Accept File" else "Reject File") {
        saveDocuments()
        after(review, review.decideFile(accept, path))
    }

    /** A gutter marker's hunk, by id. */
    suspend fun decideHunk(accept: Boolean, review: ReviewModel, hunkId: String) {
        saveDocuments()
        after(review, review.decideHunks(accept, listOf(hunkId)))
    }

    /** Accept All / Reject All (the core sends `paths: ["."]`). */
    suspend fun decideAll(accept: Boolean, review: ReviewModel) {
        track(review)
        saveDocuments()
        after(review, if (accept) review.acceptAll() else review.rejectAll())
    }

    /** A `review/changed` arrived: the core refreshes its models; markers follow through [track]. */
    fun reviewChanged() = markers.refreshLater()

    private suspend fun saveDocuments() = withContext(Dispatchers.EDT) { FileDocumentManager.getInstance().saveAllDocuments() }

    private suspend fun after(review: ReviewModel, outcome: ReviewOutcome) {
        val root = review.paths().root
        // Reject rewrote working files: reload them from disk (asynchronously, the whole repository).
        LocalFileSystem.getInstance().findFileByPath(root)?.let { VfsUtil.markDirtyAndRefresh(true, true, false, it) }
        // The index moved: every open review diff of this repository gets its new left side.
        val paths = review.paths()
        for ((absolute, document) in indexDocuments.entries.toList()) {
            val relative = paths.toRelative(absolute) ?: continue
            val text = IndexContent.read(paths.root, relative)
            withContext(Dispatchers.EDT) {
                ApplicationManager.getApplication().runWriteAction {
                    document.setReadOnly(false)
                    document.setText(text)
                    document.setReadOnly(true)
                }
            }
        }
        markers.refreshLater()
        Notifier.info(project, outcome.message)
    }

    override fun dispose() = markers.clear()

    companion object {
        fun getInstance(project: Project): ReviewController = project.service()
    }
}
