package maestro.rider.review

import com.intellij.diff.DiffContentFactory
import com.intellij.diff.DiffManager
import com.intellij.diff.requests.SimpleDiffRequest
import com.intellij.diff.util.DiffUserDataKeys
import com.intellij.notification.NotificationGroupManager
import com.intellij.notification.NotificationType
import com.intellij.openapi.Disposable
import com.intellij.openapi.actionSystem.AnAction
import com.intellij.openapi.application.EDT
import com.intellij.openapi.components.Service
import com.intellij.openapi.components.service
import com.intellij.openapi.fileEditor.FileDocumentManager
import com.intellij.openapi.fileTypes.FileTypeManager
import com.intellij.openapi.project.Project
import com.intellij.openapi.ui.popup.JBPopupFactory
import com.intellij.openapi.vfs.LocalFileSystem
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import maestro.core.protocol.ReviewFile
import maestro.core.protocol.ReviewHunk
import maestro.core.protocol.ReviewSelectionParams
import maestro.core.rpc.JsonRpcException
import maestro.rider.services.MaestroProjectService
import java.io.File
import java.util.concurrent.ConcurrentHashMap

/**
 * Review of an agent's changes: `review/changes` lists the pending hunks of the working tree against the
 * index; each file opens in the platform's diff viewer (index version vs working file) with actions that accept
 * or reject the hunk at the caret, the file, or everything. [HunkGutterMarkers] shows one gutter marker per
 * pending hunk in open editors.
 */
@Service(Service.Level.PROJECT)
class ReviewController(private val project: Project, private val scope: CoroutineScope) : Disposable {
    /** Pending hunks per absolute file path, from the last `review/changes`. */
    val pending = ConcurrentHashMap<String, Pair<String, ReviewFile>>()
    private val markers = HunkGutterMarkers(project, this)

    private val maestro get() = MaestroProjectService.getInstance(project)

    fun cwd(): String = maestro.store.session(maestro.selectedSessionId ?: "")?.let { it.worktree ?: it.cwd } ?: maestro.projectDir

    /** Lists the changed files and lets the user pick one to review in the diff viewer. */
    fun reviewChanges(cwd: String = cwd()) = scope.launch {
        val files = load(cwd)
        withContext(Dispatchers.EDT) {
            if (files.isEmpty()) {
                notify("No changes to review in $cwd", NotificationType.INFORMATION)
                return@withContext
            }
            JBPopupFactory.getInstance()
                .createPopupChooserBuilder(files)
                .setTitle("Review Changes (${files.sumOf { it.hunks.size }} hunks)")
                .setRenderer(com.intellij.ui.SimpleListCellRenderer.create("") { "${it.path}  (${it.status.name.lowercase()}, ${it.hunks.size} hunks)" })
                .setItemChosenCallback { showDiff(cwd, it) }
                .createPopup()
                .showCenteredInCurrentWindow(project)
        }
    }

    suspend fun load(cwd: String): List<ReviewFile> {
        val files = maestro.requireClient().reviewChanges(cwd).files
        pending.keys.removeIf { it.startsWith(cwd) }
        files.forEach { pending[File(cwd, it.path).path] = cwd to it }
        withContext(Dispatchers.EDT) { markers.refreshAll() }
        return files
    }

    fun refreshMarkers(cwd: String) {
        scope.launch { runCatching { load(cwd) } }
    }

    /** Opens index version vs working file in DiffManager, with accept/reject actions in its toolbar. */
    fun showDiff(cwd: String, file: ReviewFile) {
        val path = File(cwd, file.path)
        val fileType = FileTypeManager.getInstance().getFileTypeByFileName(path.name)
        val factory = DiffContentFactory.getInstance()
        val indexText = gitShowIndex(cwd, file.oldPath ?: file.path)
        val working = LocalFileSystem.getInstance().refreshAndFindFileByIoFile(path)
        val right = if (working != null) factory.create(project, working) else factory.create(project, "", fileType)
        val request = SimpleDiffRequest(
            "Maestro review: ${file.path}",
            factory.create(project, indexText, fileType),
            right,
            "Index",
            "Working tree (agent's changes)",
        )
        val actions: List<AnAction> = listOf(
            HunkAtCaretAction(accept = true, cwd, file),
            HunkAtCaretAction(accept = false, cwd, file),
            FileReviewAction(accept = true, cwd, file),
            FileReviewAction(accept = false, cwd, file),
        )
        request.putUserData(DiffUserDataKeys.CONTEXT_ACTIONS, actions)
        DiffManager.getInstance().showDiff(project, request)
    }

    /** Accepts (stages) or rejects (restores from the index) hunks, paths, or everything under [cwd]. */
    fun decide(accept: Boolean, cwd: String, hunkIds: List<String>? = null, paths: List<String>? = null) = scope.launch {
        try {
            FileDocumentManager.getInstance().let { withContext(Dispatchers.EDT) { it.saveAllDocuments() } }
            val client = maestro.requireClient()
            val selection = ReviewSelectionParams(cwd = cwd, hunkIds = hunkIds, paths = paths)
            val count = if (accept) client.reviewAccept(selection).accepted else client.reviewReject(selection).rejected
            LocalFileSystem.getInstance().refresh(true, true)
            load(cwd)
            notify("${if (accept) "Accepted" else "Rejected"} $count hunk(s)", NotificationType.INFORMATION)
        } catch (e: JsonRpcException) {
            notify(
                if (e.kind == "StaleHunk") "The file changed since it was reviewed; review it again." else (e.message ?: "review failed"),
                NotificationType.ERROR,
            )
        }
    }

    fun hunkAt(file: ReviewFile, line1Based: Int): ReviewHunk? = file.hunks.firstOrNull { hunk ->
        val last = hunk.newStart + maxOf(hunk.newLines, 1) - 1
        line1Based in hunk.newStart..last
    }

    private fun gitShowIndex(cwd: String, relative: String): String {
        val process = ProcessBuilder("git", "show", ":$relative").directory(File(cwd)).redirectErrorStream(false).start()
        val text = process.inputStream.readAllBytes().decodeToString()
        return if (process.waitFor() == 0) text else ""
    }

    private fun notify(text: String, type: NotificationType) =
        NotificationGroupManager.getInstance().getNotificationGroup("Maestro").createNotification(text, type).notify(project)

    override fun dispose() = markers.clear()

    companion object {
        fun getInstance(project: Project): ReviewController = project.service()
    }
}
