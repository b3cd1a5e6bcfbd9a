// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.annotations.SerializedName

enum class ReviewBaseline {
    @SerializedName("agent") AGENT,
    @SerializedName("index") INDEX,
}

enum class ReviewOutcome {
    @SerializedName("kept") KEPT,
    @SerializedName("rejected") REJECTED,
}

data class ReviewAcceptResult(
    val accepted: Int,
    /** What `review/undo` takes to take this back (agent baseline only). */
    val decisionId: String? = null,
)

data class ReviewChangedNotification(
    val cwd: String,
    val paths: List<String>,
    /** The host whose folder changed, for a change relayed from a host's daemon. */
    val host: String? = null,
)

data class ReviewChangesParams(
    val cwd: String,
    val paths: List<String>? = null,
    /** Only this session's agent hunks; without it every session's in the folder. */
    val sessionId: String? = null,
    /** Only this turn's agent hunks (of SessionId). */
    val turnId: String? = null,
    /** Null means Agent. */
    val baseline: ReviewBaseline? = null,
    /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon (`cwd` is a path there). */
    val host: String? = null,
)

data class ReviewChangesResult(
    /** With the agent baseline: one entry per file per session turn that changed it (a file two sessions changed is listed twice, once for each); with the index baseline: one per changed file. */
    val files: List<ReviewFile>,
    /** The sessions with pending agent hunks in the folder, for grouping; null with the index baseline. */
    val sessions: List<ReviewSessionSummary>? = null,
    /** The files whose agent changes were decided and not undone, one per session and file (the latest decision wins), so every client can show what became of them (kept or rejected), whichever client decided; null with the index baseline. */
    val decided: List<ReviewDecidedFile>? = null,
)

/** A file whose agent changes of one session were decided, by any client: the latest decision on that session's changes to the file that was not undone. The same file may still have pending hunks of the session (a decision on some of them); those are in `files`. */
data class ReviewDecidedFile(
    val sessionId: String,
    /** The turn whose change the decision was about. */
    val turnId: String? = null,
    /** Repository-relative, as a review file's `path`. */
    val path: String,
    val outcome: ReviewOutcome,
    /** The decision, for `review/undo`. */
    val decisionId: String,
)

data class ReviewFile(
    val path: String,
    val oldPath: String? = null,
    val status: ChangeStatus,
    val binary: Boolean,
    val hunks: List<ReviewHunk>,
    /** The session whose turn made these changes (agent baseline only). */
    val sessionId: String? = null,
    val turnId: String? = null,
    val agentId: String? = null,
    /** The session's name, e.g. "Claude Code 1", for labels. */
    val sessionName: String? = null,
    /** The user changed the file where the agent did since the turn (a binary, created or deleted file, reviewed whole): rejecting it needs `confirm`. */
    val mixed: Boolean = false,
)

/** The whole new text of a working file that a review decision made with `apply: false` left for the client to write (UTF-8, line endings as they are in the file), so the change goes through the editor and its undo. */
data class ReviewFileContent(
    /** Repository-relative, as in Path. */
    val path: String,
    val content: String,
)

data class ReviewHunk(
    /** A hash of the session, turn, path, position and content: stable while the file does not change. */
    val id: String,
    /** Where the hunk starts in the baseline (agent baseline: the file before the turn; index: the index). */
    val oldStart: Int,
    val oldLines: Int,
    /** Where the hunk's lines are in the working file now (after any later edit above it). */
    val newStart: Int,
    val newLines: Int,
    val header: String,
    /** Unified diff lines, each starting with ' ', '+', '-' or '\'. */
    val lines: List<String>,
    /** The session whose turn made the hunk (agent baseline only). */
    val sessionId: String? = null,
    val turnId: String? = null,
    val agentId: String? = null,
    val sessionName: String? = null,
    /** The user edited these lines after the agent: rejecting the hunk would lose that edit, so it needs `confirm`. */
    val mixed: Boolean = false,
)

data class ReviewRejectResult(
    val rejected: Int,
    /** What `review/undo` takes to take this back (agent baseline only). */
    val decisionId: String? = null,
    /** Files the agent created that were moved to Maestro's trash rather than deleted (repository-relative). */
    val trashed: List<String>? = null,
    /** With `apply: false`: the new text of each file the server did not write, for the client to write. */
    val contents: List<ReviewFileContent>? = null,
)

/** Params of `review/accept`, `review/reject` and `review/stage`: hunks by id, whole files by path, or both. With the agent baseline a path selects the agent's changes to that file (of SessionId when given), never the user's. */
data class ReviewSelectionParams(
    val cwd: String,
    val hunkIds: List<String>? = null,
    val paths: List<String>? = null,
    /** Only this session's changes when selecting by path. */
    val sessionId: String? = null,
    /** Null means Agent; `review/stage` always works on the index. */
    val baseline: ReviewBaseline? = null,
    /** Reject mixed hunks too, losing the user's edits inside them (without it such a reject is refused, naming them). */
    val confirm: Boolean = false,
    /** Reject only: false records the decision but leaves the working file of each modified text file as it is and answers its new text in Contents, for an editor to apply as its own (undoable) edit. Created and deleted files are still trashed or restored by the server. Null or true: the server writes. */
    val apply: Boolean? = null,
    /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon (`cwd` is a path there). */
    val host: String? = null,
)

/** One session's share of a folder's pending agent review. */
data class ReviewSessionSummary(
    val sessionId: String,
    val name: String,
    val agentId: String,
    val files: Int,
    val hunks: Int,
)

data class ReviewStageResult(
    val staged: Int,
)

data class ReviewUndoParams(
    val cwd: String,
    /** The id an accept or reject returned. */
    val decisionId: String,
    /** False: record the undo but leave modified text files for the client to write (their text in Contents), e.g. after the editor's own undo took the reject back. Trashed files are still moved back by the server. Null or true: the server writes. */
    val apply: Boolean? = null,
    /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon (`cwd` is a path there). */
    val host: String? = null,
)

data class ReviewUndoResult(
    /** How many files the undo put back. */
    val restored: Int,
    /** With `apply: false`: the text each file the server did not write should now have. */
    val contents: List<ReviewFileContent>? = null,
)
