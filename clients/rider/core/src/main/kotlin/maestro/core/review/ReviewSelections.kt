package maestro.core.review

import maestro.core.protocol.ReviewBaseline
import maestro.core.protocol.ReviewSelectionParams

/**
 * The params of `review/accept` and `review/reject` for each review action. The server refuses a selection with
 * neither `hunkIds` nor `paths`; "everything" is the path `"."` (the repository root, which holds every file).
 */
object ReviewSelections {
    // This client still reviews against git's index, by name: the server's default is now each agent turn's own
    // baseline (issue 14), which the Rider review adopts next.
    private val baseline = ReviewBaseline.INDEX

    /** Accept All / Reject All: every pending hunk of the repository holding [cwd]. */
    fun all(cwd: String) = ReviewSelectionParams(cwd = cwd, paths = listOf("."), baseline = baseline)

    /** Accept / Reject File: every hunk of the files at these server paths (relative to the repository root). */
    fun files(cwd: String, paths: List<String>): ReviewSelectionParams {
        require(paths.isNotEmpty()) { "name at least one file" }
        return ReviewSelectionParams(cwd = cwd, paths = paths, baseline = baseline)
    }

    /** Accept / Reject Hunk: exactly these hunks. */
    fun hunks(cwd: String, hunkIds: List<String>): ReviewSelectionParams {
        require(hunkIds.isNotEmpty()) { "name at least one hunk" }
        return ReviewSelectionParams(cwd = cwd, hunkIds = hunkIds, baseline = baseline)
    }
}
