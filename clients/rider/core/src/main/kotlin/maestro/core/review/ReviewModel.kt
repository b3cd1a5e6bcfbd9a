package maestro.core.review

import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import maestro.core.MaestroClient
import maestro.core.protocol.ErrorCodes
import maestro.core.protocol.ReviewBaseline
import maestro.core.protocol.ReviewChangedNotification
import maestro.core.protocol.ReviewSelectionParams
import maestro.core.protocol.ReviewSessionSummary
import maestro.core.protocol.ReviewUndoParams
import maestro.core.protocol.ReviewUndoResult
import maestro.core.rpc.JsonRpcException
import java.util.concurrent.CopyOnWriteArrayList

/**
 * The pending agent hunks of the repository holding [cwd] (each session turn's own baseline: the user's edits are
 * never here), per file, under absolute system-independent paths, each hunk labelled with its session. Every
 * decision (accept or reject of a hunk, a file or everything; an undo) is followed by a refresh, so hunk ids and
 * line ranges are never older than the last decision; a `review/changed` for this repository refreshes too.
 * The IDE shows what [files] holds and asks [hunkAt] which hunk a caret is on; it decides nothing itself.
 */
class ReviewModel(val cwd: String, private val client: suspend () -> MaestroClient) {
    @Volatile
    private var paths: RepoPaths? = null

    @Volatile
    private var current: Map<String, PendingFile> = emptyMap()

    @Volatile
    private var sessions: List<ReviewSessionSummary> = emptyList()
    private val refreshing = Mutex()
    private val listeners = CopyOnWriteArrayList<(ReviewModel) -> Unit>()

    /** The repository root as the server reports it (`git/status`), asked once. */
    suspend fun paths(): RepoPaths = paths ?: RepoPaths(client().gitStatus(cwd).root).also { paths = it }

    /** The root if it is known already (after the first [refresh]). */
    val knownPaths: RepoPaths? get() = paths

    /** The pending files, by absolute path, as of the last refresh. */
    fun files(): List<PendingFile> = current.values.sortedBy { it.absolutePath }

    /** The pending file at [absolutePath] (any separators), or null when it has no pending change. */
    fun file(absolutePath: String): PendingFile? = current[RepoPaths.normalize(absolutePath)]

    /** The pending files inside [folder] (e.g. the solution folder), never those of a sibling sharing its prefix. */
    fun filesUnder(folder: String): List<PendingFile> = files().filter { RepoPaths.isUnder(it.absolutePath, folder) }

    /** The hunk under 1-based [line] of the file at [absolutePath] on [side]. */
    fun hunkAt(absolutePath: String, line: Int, side: ReviewSide) = file(absolutePath)?.hunkAt(line, side)

    fun onChanged(listener: (ReviewModel) -> Unit) {
        listeners += listener
    }

    /** Reads `review/changes` again and tells the listeners. */
    suspend fun refresh(): List<PendingFile> = refreshing.withLock {
        val repo = paths()
        val result = client().reviewChanges(cwd)
        // A file two sessions changed is listed once per session turn: one PendingFile holds them all.
        current = result.files.groupBy { repo.toAbsolute(it.path) }.mapValues { (absolute, entries) -> PendingFile(absolute, entries) }
        sessions = result.sessions ?: emptyList()
        val snapshot = files()
        listeners.forEach { runCatching { it(this) } }
        snapshot
    }

    /** The sessions with pending hunks, as the server summarized them (for "Reject All" to name them). */
    fun sessions(): List<ReviewSessionSummary> = sessions

    /** True when a `review/changed` is about this model's repository. */
    suspend fun concerns(notification: ReviewChangedNotification): Boolean =
        RepoPaths.normalize(notification.cwd) == paths().root

    suspend fun acceptAll() = decide(true, ReviewSelections.all(cwd))

    suspend fun rejectAll(confirm: Boolean = false, inEditor: Boolean = false) = decide(false, ReviewSelections.all(cwd), confirm, inEditor)

    /** Accepts or rejects every agent hunk of the file at [absolutePath]. */
    suspend fun decideFile(accept: Boolean, absolutePath: String, confirm: Boolean = false, inEditor: Boolean = false): ReviewOutcome {
        val relative = paths().toRelative(absolutePath) ?: throw IllegalArgumentException("$absolutePath is not in the repository ${paths().root}")
        return decide(accept, ReviewSelections.files(cwd, listOf(relative)), confirm, inEditor)
    }

    /** Accepts or rejects the hunk under [line] on [side]; null when no pending hunk is there (nothing is sent). */
    suspend fun decideAt(accept: Boolean, absolutePath: String, line: Int, side: ReviewSide, confirm: Boolean = false, inEditor: Boolean = false): ReviewOutcome? {
        val hunk = hunkAt(absolutePath, line, side) ?: return null
        return decide(accept, ReviewSelections.hunks(cwd, listOf(hunk.id)), confirm, inEditor)
    }

    suspend fun decideHunks(accept: Boolean, hunkIds: List<String>, confirm: Boolean = false, inEditor: Boolean = false) =
        decide(accept, ReviewSelections.hunks(cwd, hunkIds), confirm, inEditor)

    /**
     * Sends the decision, then refreshes (a stale hunk refreshes too, so asking again works at once). A reject of a
     * hunk the user edited since is refused ([isMixedHunk]) unless [confirm]. With [inEditor] a reject leaves the
     * working files to the IDE: the outcome's `contents` are their new text, to write as one undoable command.
     */
    suspend fun decide(accept: Boolean, selection: ReviewSelectionParams, confirm: Boolean = false, inEditor: Boolean = false): ReviewOutcome {
        val c = client()
        try {
            if (accept) {
                val result = c.reviewAccept(selection)
                return ReviewOutcome(true, result.accepted, result.decisionId)
            }
            val result = c.reviewReject(selection.copy(confirm = confirm, apply = if (inEditor) false else null))
            return ReviewOutcome(false, result.rejected, result.decisionId, result.contents ?: emptyList(), result.trashed ?: emptyList())
        } finally {
            // A failed refresh must not hide the decision's own answer or error; the next refresh catches up.
            runCatching { refresh() }
        }
    }

    /**
     * Takes a decision back (`review/undo`). With [inEditor] the server leaves modified files to the IDE and answers
     * their text (the IDE's own undo may already hold it); trashed files are moved back by the server either way.
     */
    suspend fun undo(decisionId: String, inEditor: Boolean = false): ReviewUndoResult {
        try {
            return client().reviewUndo(ReviewUndoParams(cwd = cwd, decisionId = decisionId, apply = if (inEditor) false else null))
        } finally {
            runCatching { refresh() }
        }
    }

    /**
     * Stage Hunk: `git add` of the change under 1-based [line] of the working file, picked from the index review
     * (every uncommitted change, like git's own staging). The one review action that touches git's index; false when
     * no unstaged change is there.
     */
    suspend fun stageAt(absolutePath: String, line: Int): Boolean {
        val repo = paths()
        val relative = repo.toRelative(absolutePath) ?: return false
        val indexed = client().reviewChanges(cwd, listOf(relative), ReviewBaseline.INDEX).files.firstOrNull { it.path == relative } ?: return false
        val hunk = PendingFile(repo.toAbsolute(relative), indexed).hunkAt(line, ReviewSide.WORKING) ?: return false
        return client().reviewStage(ReviewSelectionParams(cwd = cwd, hunkIds = listOf(hunk.id))).staged > 0
    }

    companion object {
        /** The server refused a reject because the user edited the agent's lines; its message names what would be lost. */
        fun isMixedHunk(error: Throwable): Boolean = error is JsonRpcException && error.code == ErrorCodes.MIXED_HUNK

        /** An undo whose lines changed again since: nothing was changed. */
        fun isReviewConflict(error: Throwable): Boolean = error is JsonRpcException && error.code == ErrorCodes.REVIEW_CONFLICT
    }
}
