package maestro.core.review

import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import maestro.core.MaestroClient
import maestro.core.protocol.ReviewChangedNotification
import maestro.core.protocol.ReviewSelectionParams
import java.util.concurrent.CopyOnWriteArrayList

/**
 * The pending hunks of the repository holding [cwd], per file, under absolute system-independent paths. Every
 * decision (accept or reject of a hunk, a file or everything) is followed by a refresh, so hunk ids and line
 * ranges are never older than the last decision; a `review/changed` for this repository refreshes too.
 * The IDE shows what [files] holds and asks [hunkAt] which hunk a caret is on; it decides nothing itself.
 */
class ReviewModel(val cwd: String, private val client: suspend () -> MaestroClient) {
    @Volatile
    private var paths: RepoPaths? = null

    @Volatile
    private var current: Map<String, PendingFile> = emptyMap()
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
        val files = client().reviewChanges(cwd).files
        current = files.associate { f -> repo.toAbsolute(f.path).let { it to PendingFile(it, f) } }
        val snapshot = files()
        listeners.forEach { runCatching { it(this) } }
        snapshot
    }

    /** True when a `review/changed` is about this model's repository. */
    suspend fun concerns(notification: ReviewChangedNotification): Boolean =
        RepoPaths.normalize(notification.cwd) == paths().root

    suspend fun acceptAll() = decide(true, ReviewSelections.all(cwd))

    suspend fun rejectAll() = decide(false, ReviewSelections.all(cwd))

    /** Accepts or rejects every hunk of the file at [absolutePath]. */
    suspend fun decideFile(accept: Boolean, absolutePath: String): ReviewOutcome {
        val relative = paths().toRelative(absolutePath) ?: throw IllegalArgumentException("$absolutePath is not in the repository ${paths().root}")
        return decide(accept, ReviewSelections.files(cwd, listOf(relative)))
    }

    /** Accepts or rejects the hunk under [line] on [side]; null when no pending hunk is there (nothing is sent). */
    suspend fun decideAt(accept: Boolean, absolutePath: String, line: Int, side: ReviewSide): ReviewOutcome? {
        val hunk = hunkAt(absolutePath, line, side) ?: return null
        return decide(accept, ReviewSelections.hunks(cwd, listOf(hunk.id)))
    }

    suspend fun decideHunks(accept: Boolean, hunkIds: List<String>) = decide(accept, ReviewSelections.hunks(cwd, hunkIds))

    /** Sends the decision, then refreshes (a stale hunk refreshes too, so asking again works at once). */
    suspend fun decide(accept: Boolean, selection: ReviewSelectionParams): ReviewOutcome {
        val c = client()
        try {
            val count = if (accept) c.reviewAccept(selection).accepted else c.reviewReject(selection).rejected
            return ReviewOutcome(accept, count)
        } finally {
            // A failed refresh must not hide the decision's own answer or error; the next refresh catches up.
            runCatching { refresh() }
        }
    }
}
