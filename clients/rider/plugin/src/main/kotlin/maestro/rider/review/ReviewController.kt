package maestro.rider.review

import com.intellij.diff.DiffContentFactory
import com.intellij.diff.DiffManager
import com.intellij.diff.requests.SimpleDiffRequest
import com.intellij.diff.util.DiffUserDataKeys
import com.intellij.openapi.Disposable
import com.intellij.openapi.actionSystem.AnAction
import com.intellij.openapi.application.ApplicationManager
import com.intellij.openapi.application.EDT
import com.intellij.notification.NotificationAction
import com.intellij.notification.NotificationGroupManager
import com.intellij.notification.NotificationType
import com.intellij.openapi.command.WriteCommandAction
import com.intellij.openapi.command.undo.BasicUndoableAction
import com.intellij.openapi.command.undo.UndoManager
import com.intellij.openapi.ui.Messages
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
import maestro.core.protocol.ReviewFileContent
import maestro.core.review.BaselineText
import maestro.core.review.PendingFile
import maestro.core.review.ReviewModel
import maestro.core.review.ReviewOutcome
import maestro.core.review.ReviewSide
import maestro.rider.services.MaestroProjectService
import maestro.rider.ui.Notifier
import maestro.rider.ui.Popups
import java.io.File
import java.util.concurrent.ConcurrentHashMap

/**
 * Binds the core's review models to the platform: the diff viewer (the agents' baseline vs the working file), the
 * gutter markers, the documents and the VFS. What is pending (agent hunks only, each with its session), which hunk
 * a caret is on and what to send are the core's ([ReviewModel]). A reject is applied through the IDE: the server
 * records it and answers the text (`apply = false`), written here as one write command with an undoable action
 * that tells the server (`review/undo`), so Ctrl+Z takes a reject back like any edit. A hunk the user edited since
 * asks first, naming what would be lost. Every decision's notification has an Undo.
 */
@Service(Service.Level.PROJECT)
class ReviewController(private val project: Project, @Suppress("unused") private val scope: CoroutineScope) : Disposable {
    private val maestro get() = MaestroProjectService.getInstance(project)
    private val markers = HunkGutterMarkers(project, this)
    private val tracked = ConcurrentHashMap.newKeySet<ReviewModel>()

    /** The baseline side of each open review diff, by absolute path: updated after every decision. */
    private val baselineDocuments = ConcurrentHashMap<String, Document>()

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
            Notifier.info(project, "No agent changes to review in ${review.paths().root}")
            return
        }
        val title = "Review Agent Changes (${files.sumOf { it.hunks.size }} hunks)"
        val file = Popups.choose(project, title, files) {
            "${it.path}  (${it.sessionNames.joinToString()} · ${it.file.status.name.lowercase()}, ${it.hunks.size} hunks)"
        } ?: return
        showDiff(review, file)
    }

    fun showDiffOf(path: String) = maestro.launch("Open Diff") {
        val (review, file) = pendingFile(path) ?: return@launch
        showDiff(review, file)
    }

    /** The file before the agents' pending hunks vs the working file in the diff viewer, with accept/reject in its toolbar. */
    suspend fun showDiff(review: ReviewModel, file: PendingFile) {
        track(review)
        saveDocuments()
        val baselineText = baselineOf(file)
        withContext(Dispatchers.EDT) {
            val absolute = file.absolutePath
            val fileType = FileTypeManager.getInstance().getFileTypeByFileName(absolute.substringAfterLast('/'))
            val factory = DiffContentFactory.getInstance()
            val indexDocument = EditorFactory.getInstance().createDocument(baselineText).apply { setReadOnly(true) }
            val working = LocalFileSystem.getInstance().findFileByPath(absolute)
            val request = object : SimpleDiffRequest(
                "Maestro review: ${file.path}",
                factory.create(project, indexDocument, fileType),
                if (working != null) factory.create(project, working) else factory.createEmpty(),
                "Before ${file.sessionNames.joinToString().ifEmpty { "the agent" }}",
                "Now (the agent's changes)",
            ) {
                override fun onAssigned(isAssigned: Boolean) {
                    super.onAssigned(isAssigned)
                    if (isAssigned) baselineDocuments[absolute] = indexDocument else baselineDocuments.remove(absolute, indexDocument)
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
            val hunk = review.hunkAt(path, line, side)
            if (hunk == null) {
                Notifier.info(project, "No pending agent change at line $line.")
                return@launch
            }
            decide(review, accept) { confirm -> review.decideHunks(accept, listOf(hunk.id), confirm, inEditor = true) }
        }

    fun decideFile(accept: Boolean, review: ReviewModel, path: String) = maestro.launch(if (accept) "Accept File" else "Reject File") {
        saveDocuments()
        decide(review, accept) { confirm -> review.decideFile(accept, path, confirm, inEditor = true) }
    }

    /** A gutter marker's hunk, by id. */
    suspend fun decideHunk(accept: Boolean, review: ReviewModel, hunkId: String) {
        saveDocuments()
        decide(review, accept) { confirm -> review.decideHunks(accept, listOf(hunkId), confirm, inEditor = true) }
    }

    /** Accept All / Reject All (the core sends `paths: ["."]`; the action asked first, naming sessions and files). */
    suspend fun decideAll(accept: Boolean, review: ReviewModel) {
        track(review)
        saveDocuments()
        decide(review, accept) { confirm -> if (accept) review.acceptAll() else review.rejectAll(confirm, inEditor = true) }
    }

    /** Stage Hunk: `git add` of the change at the caret, the one review action that touches git's index. */
    fun stageAt(path: String, line: Int) = maestro.launch("Stage Hunk") { host ->
        saveDocuments()
        val review = pendingFile(path)?.first ?: track(host.review())
        Notifier.info(project, if (review.stageAt(path, line)) "Staged the hunk at line $line (git add)." else "No unstaged change at line $line.")
    }

    /** A `review/changed` arrived: the core refreshes its models; markers follow through [track]. */
    fun reviewChanged() = markers.refreshLater()

    /**
     * Sends a decision; a reject of a hunk the user edited since is refused by the server naming what would be lost,
     * asked here (the harmless button is the default), and sent again with `confirm` only when the user says so.
     */
    private suspend fun decide(review: ReviewModel, accept: Boolean, send: suspend (confirm: Boolean) -> ReviewOutcome) {
        val outcome = try {
            send(false)
        } catch (e: Exception) {
            if (accept || !ReviewModel.isMixedHunk(e)) throw e
            val options = arrayOf("Keep It", "Reject and Lose My Edits")
            val lose = withContext(Dispatchers.EDT) {
                Messages.showDialog(project, e.message ?: "You edited this agent change since.", "Maestro: Reject a Change You Edited?", options, 0, Messages.getWarningIcon()) == 1
            }
            if (!lose) return
            send(true)
        }
        after(review, outcome)
    }

    private suspend fun saveDocuments() = withContext(Dispatchers.EDT) { FileDocumentManager.getInstance().saveAllDocuments() }

    private suspend fun after(review: ReviewModel, outcome: ReviewOutcome) {
        val root = review.paths().root
        if (!outcome.accepted && outcome.contents.isNotEmpty()) applyReject(review, outcome)
        // Trashed or restored files changed on disk: reload them (asynchronously, the whole repository).
        LocalFileSystem.getInstance().findFileByPath(root)?.let { VfsUtil.markDirtyAndRefresh(true, true, false, it) }
        refreshBaselines(review)
        markers.refreshLater()
        notifyWithUndo(review, outcome)
    }

    /**
     * Writes a reject's text as one write command over every file it touched, with an undoable action in the same
     * command: the IDE's undo puts the lines back and tells the server (`review/undo`, `apply = false`, the editor
     * holds the text); a redo of it rejects again by the file's new text, as a plain edit.
     */
    private suspend fun applyReject(review: ReviewModel, outcome: ReviewOutcome) {
        val paths = review.paths()
        val decisionId = outcome.decisionId
        withContext(Dispatchers.EDT) {
            val documents = outcome.contents.mapNotNull { content -> documentOf(paths.toAbsolute(content.path))?.let { it to content } }
            if (documents.isEmpty()) return@withContext
            WriteCommandAction.runWriteCommandAction(project, "Maestro: Reject Agent Change", null, Runnable {
                for ((document, content) in documents) document.setText(normalized(content))
                if (decisionId != null) {
                    UndoManager.getInstance(project).undoableActionPerformed(object : BasicUndoableAction(*documents.map { it.first }.toTypedArray()) {
                        override fun undo() {
                            maestro.launch("Undo Reject") { review.undo(decisionId, inEditor = true); afterUndo(review) }
                        }

                        override fun redo() = Unit
                    })
                }
            })
            val manager = FileDocumentManager.getInstance()
            documents.forEach { manager.saveDocument(it.first) }
        }
    }

    private fun documentOf(absolute: String): Document? =
        LocalFileSystem.getInstance().refreshAndFindFileByPath(absolute)?.let { FileDocumentManager.getInstance().getDocument(it) }

    /** A document holds "\n" line separators whatever the file has (the IDE converts on save). */
    private fun normalized(content: ReviewFileContent): String = content.content.removePrefix("\uFEFF").replace("\r\n", "\n")

    private suspend fun afterUndo(review: ReviewModel) {
        saveDocuments()
        refreshBaselines(review)
        markers.refreshLater()
    }

    /** An Undo action on every decision's notification (`review/undo`; the server writes what the IDE did not). */
    private fun notifyWithUndo(review: ReviewModel, outcome: ReviewOutcome) {
        val decisionId = outcome.decisionId
        if (project.isDisposed) return
        val notification = NotificationGroupManager.getInstance().getNotificationGroup(Notifier.GROUP_ID)
            .createNotification(outcome.message, NotificationType.INFORMATION)
        if (decisionId != null) {
            notification.addAction(NotificationAction.createSimple("Undo") {
                notification.expire()
                maestro.launch("Undo") {
                    val result = review.undo(decisionId, inEditor = true)
                    applyUndo(review, result.contents ?: emptyList())
                    afterUndo(review)
                }
            })
        }
        notification.notify(project)
    }

    /** An undo from the notification: the lines come back through the IDE too (one more undoable command). */
    private suspend fun applyUndo(review: ReviewModel, contents: List<ReviewFileContent>) {
        if (contents.isEmpty()) return
        val paths = review.paths()
        withContext(Dispatchers.EDT) {
            val documents = contents.mapNotNull { content -> documentOf(paths.toAbsolute(content.path))?.let { it to content } }
            WriteCommandAction.runWriteCommandAction(project, "Maestro: Undo Review Decision", null, Runnable {
                for ((document, content) in documents) document.setText(normalized(content))
            })
            val manager = FileDocumentManager.getInstance()
            documents.forEach { manager.saveDocument(it.first) }
        }
        LocalFileSystem.getInstance().findFileByPath(paths.root)?.let { VfsUtil.markDirtyAndRefresh(true, true, false, it) }
    }

    /** The left side of every open review diff of this repository follows the hunks still pending. */
    private suspend fun refreshBaselines(review: ReviewModel) {
        for ((absolute, document) in baselineDocuments.entries.toList()) {
            val pending = review.file(absolute) ?: continue
            val text = baselineOf(pending)
            withContext(Dispatchers.EDT) {
                ApplicationManager.getApplication().runWriteAction {
                    document.setReadOnly(false)
                    document.setText(text)
                    document.setReadOnly(true)
                }
            }
        }
    }

    /** The working file (saved first) with the agents' pending hunks taken back: read on the IO dispatcher. */
    private suspend fun baselineOf(file: PendingFile): String = withContext(Dispatchers.IO) {
        val working = File(file.absolutePath).takeIf { it.isFile }?.readText() ?: ""
        BaselineText.of(working, file.hunks).replace("\r\n", "\n")
    }

    override fun dispose() = markers.clear()

    companion object {
        fun getInstance(project: Project): ReviewController = project.service()
    }
}
