// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

/** The `data` of every error Maestro sends: a kind to branch on, and what the kind needs. */
data class ErrorData(
    val kind: String,
    /** The method or feature the error is about, when there is one. */
    val method: String? = null,
    val feature: String? = null,
    /** The path concerned, e.g. a worktree or a file outside the workspace. */
    val path: String? = null,
    /** The branch concerned, e.g. the one a worktree removal kept because it was not merged. */
    val branch: String? = null,
    /** Several paths, e.g. the dirty files of a worktree. */
    val paths: List<String>? = null,
    /** Hunk ids concerned, e.g. the stale ones of a `review/accept`. */
    val hunkIds: List<String>? = null,
    val serverVersion: String? = null,
    val clientVersion: String? = null,
)
