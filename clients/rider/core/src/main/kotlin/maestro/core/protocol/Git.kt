// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.annotations.SerializedName

enum class ChangeStatus {
    @SerializedName("added") ADDED,
    @SerializedName("modified") MODIFIED,
    @SerializedName("deleted") DELETED,
    @SerializedName("renamed") RENAMED,
    @SerializedName("untracked") UNTRACKED,
    @SerializedName("conflicted") CONFLICTED,
    @SerializedName("typeChanged") TYPE_CHANGED,
}

enum class MergeStrategy {
    @SerializedName("auto") AUTO,
    @SerializedName("fastForwardOnly") FAST_FORWARD_ONLY,
    @SerializedName("mergeCommit") MERGE_COMMIT,
}

data class GitBranch(
    val name: String,
    val sha: String,
    val isHead: Boolean = false,
    val upstream: String? = null,
)

data class GitBranchesParams(
    val cwd: String,
    /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon. */
    val host: String? = null,
)

data class GitBranchesResult(
    val branches: List<GitBranch>,
)

data class GitChange(
    val path: String,
    val status: ChangeStatus,
    /** True when the change is in the index, false when only in the working tree. */
    val staged: Boolean = false,
    val oldPath: String? = null,
)

data class GitCommit(
    val sha: String,
    val summary: String,
    val author: String,
    val time: String,
)

data class GitLogParams(
    val cwd: String,
    val limit: Int? = null,
    val ref: String? = null,
    /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon. */
    val host: String? = null,
)

data class GitLogResult(
    val commits: List<GitCommit>,
)

data class GitStatusParams(
    val cwd: String,
    /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon. */
    val host: String? = null,
)

data class GitStatusResult(
    val root: String,
    /** Null on a detached head. */
    val branch: String? = null,
    /** Null in a repository without commits. */
    val head: String? = null,
    val ahead: Int = 0,
    val behind: Int = 0,
    val changes: List<GitChange>,
)

data class Worktree(
    val path: String,
    /** Null on a detached head. */
    val branch: String? = null,
    val head: String? = null,
    val dirty: Boolean,
    val locked: Boolean,
    /** True for the repository's main working tree. */
    val isMain: Boolean = false,
    /** The host the worktree is on; absent for this machine. */
    val host: String? = null,
)

data class WorktreeCreateParams(
    val repo: String,
    val branch: String,
    /** The commit-ish the new branch starts from; HEAD when absent. */
    val base: String? = null,
    /** Where to put it; `<repo>.worktrees/<branch>` beside the repository when absent. */
    val path: String? = null,
    /** The host (`hosts/add`) to ask; absent for this machine. Paths are paths there. */
    val host: String? = null,
)

data class WorktreeListParams(
    val repo: String,
    /** The host (`hosts/add`) to ask; absent for this machine. Paths are paths there. */
    val host: String? = null,
)

data class WorktreeListResult(
    val worktrees: List<Worktree>,
)

/** Commits the accepted (staged) changes of a worktree and merges its branch into the base branch. */
data class WorktreeMergeParams(
    val path: String,
    /** The branch to merge into; the main worktree's branch when absent. */
    val base: String? = null,
    /** The commit message for the accepted changes; nothing is committed when absent and nothing is staged. */
    val message: String? = null,
    val strategy: MergeStrategy = MergeStrategy.AUTO,
    /** The host (`hosts/add`) to ask; absent for this machine. Paths are paths there. */
    val host: String? = null,
)

data class WorktreeMergeResult(
    /** The commit made of the accepted changes, if one was made. */
    val committed: String? = null,
    val merged: Boolean,
    val fastForward: Boolean = false,
    /** The new head of the base branch when merged. */
    val head: String? = null,
    /** Paths in conflict; the base branch is left as it was. */
    val conflicts: List<String>,
    /** Why nothing was merged, when Merged is false: conflicts, or no fast-forward possible. */
    val reason: String? = null,
)

data class WorktreePruneParams(
    val repo: String,
    /** The host (`hosts/add`) to ask; absent for this machine. Paths are paths there. */
    val host: String? = null,
)

data class WorktreePruneResult(
    val pruned: List<String>,
)

data class WorktreeRemoveParams(
    val path: String,
    /** Remove it even with uncommitted or untracked files or a lock; with `deleteBranch`, also delete an unmerged branch. */
    val force: Boolean = false,
    /** After removing the worktree, delete the branch it had checked out: only when its commits are merged (into its base or the main worktree's HEAD) unless `force`; never a branch checked out in another worktree. */
    val deleteBranch: Boolean = false,
    /** The host (`hosts/add`) to ask; absent for this machine. Paths are paths there. */
    val host: String? = null,
)

/** What `worktrees/remove` (and `sessions/close {removeWorktree}`) removed. */
data class WorktreeRemoveResult(
    /** The removed worktree's folder. */
    val path: String,
    /** The branch it had checked out; absent for a detached HEAD. */
    val branch: String? = null,
    /** True when `deleteBranch` deleted `branch`; false when it was not asked for or there was no branch. */
    val branchDeleted: Boolean = false,
)
