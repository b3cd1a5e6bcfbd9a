package maestro.core.protocol

data class ReviewChangesParams(val cwd: String, val paths: List<String>? = null)

data class ReviewHunk(
    val id: String,
    val oldStart: Int,
    val oldLines: Int,
    val newStart: Int,
    val newLines: Int,
    val header: String,
    val lines: List<String>,
)

data class ReviewFile(
    val path: String,
    val oldPath: String? = null,
    val status: ChangeStatus,
    val binary: Boolean,
    val hunks: List<ReviewHunk>,
)

data class ReviewChangesResult(val files: List<ReviewFile>)

/** `review/accept` and `review/reject`: hunk ids, paths, or (neither) everything under [cwd]. */
data class ReviewSelectionParams(val cwd: String, val hunkIds: List<String>? = null, val paths: List<String>? = null)

data class ReviewAcceptResult(val accepted: Int)

data class ReviewRejectResult(val rejected: Int)

data class ReviewChangedNotification(val cwd: String, val paths: List<String>)
