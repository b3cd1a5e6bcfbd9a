// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

data class ReviewAcceptResult(
    val accepted: Int,
)

data class ReviewChangedNotification(
    val cwd: String,
    val paths: List<String>,
)

data class ReviewChangesParams(
    val cwd: String,
    val paths: List<String>? = null,
)

data class ReviewChangesResult(
    val files: List<ReviewFile>,
)

data class ReviewFile(
    val path: String,
    val oldPath: String? = null,
    val status: ChangeStatus,
    val binary: Boolean,
    val hunks: List<ReviewHunk>,
)

data class ReviewHunk(
    /** A hash of the path, position and content: stable while the file does not change. */
    val id: String,
    val oldStart: Int,
    val oldLines: Int,
    val newStart: Int,
    val newLines: Int,
    val header: String,
    /** Unified diff lines, each starting with ' ', '+', '-' or '\'. */
    val lines: List<String>,
)

data class ReviewRejectResult(
    val rejected: Int,
)

/** Params of `review/accept` and `review/reject`: hunks by id, whole files by path, or both. */
data class ReviewSelectionParams(
    val cwd: String,
    val hunkIds: List<String>? = null,
    val paths: List<String>? = null,
)
