package maestro.core.review

import maestro.core.protocol.ReviewSelectionParams

/**
 * The params of `review/accept` and `review/reject` for each review action, against the agents' own baselines (the
 * server's default: only agent hunks, never the user's edits). The server refuses a selection with neither
 * `hunkIds` nor `paths`; "everything" is the path `"."` (the repository root, which holds every file), of one
 * session when [sessionId] is given.
 */
object ReviewSelections {
    /** Accept All / Reject All: every pending agent hunk of the repository holding [cwd] (of one session). */
    fun all(cwd: String, sessionId: String? = null) = ReviewSelectionParams(cwd = cwd, paths = listOf("."), sessionId = sessionId)

    /** Accept / Reject File: the agents' hunks of the files at these server paths (relative to the repository root). */
    fun files(cwd: String, paths: List<String>, sessionId: String? = null): ReviewSelectionParams {
        require(paths.isNotEmpty()) { "name at least one file" }
        return ReviewSelectionParams(cwd = cwd, paths = paths, sessionId = sessionId)
    }

    /** Accept / Reject Hunk: exactly these hunks. */
    fun hunks(cwd: String, hunkIds: List<String>): ReviewSelectionParams {
        require(hunkIds.isNotEmpty()) { "name at least one hunk" }
        return ReviewSelectionParams(cwd = cwd, hunkIds = hunkIds)
    }
}
