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

data class GitStatusParams(val cwd: String)
data class GitChange(val path: String, val status: ChangeStatus, val staged: Boolean, val oldPath: String? = null)
data class GitStatusResult(
    val root: String,
    val branch: String? = null,
    val head: String? = null,
    val ahead: Int,
    val behind: Int,
    val changes: List<GitChange>,
)

data class GitLogParams(val cwd: String, val limit: Int? = null, val ref: String? = null)
data class GitCommit(val sha: String, val summary: String, val author: String, val time: String)
data class GitLogResult(val commits: List<GitCommit>)

data class GitBranchesParams(val cwd: String)
data class GitBranch(val name: String, val sha: String, val isHead: Boolean, val upstream: String? = null)
data class GitBranchesResult(val branches: List<GitBranch>)

data class Worktree(
    val path: String,
    val branch: String? = null,
    val head: String? = null,
    val dirty: Boolean,
    val locked: Boolean,
    val isMain: Boolean,
)
data class WorktreeListParams(val repo: String)
data class WorktreeListResult(val worktrees: List<Worktree>)
data class WorktreeCreateParams(val repo: String, val branch: String, val base: String? = null, val path: String? = null)
data class WorktreeRemoveParams(val path: String, val force: Boolean = false)
data class WorktreePruneParams(val repo: String)
data class WorktreePruneResult(val pruned: List<String>)
data class WorktreeMergeParams(
    val path: String,
    val base: String? = null,
    val message: String? = null,
    val strategy: MergeStrategy = MergeStrategy.AUTO,
)
data class WorktreeMergeResult(
    val committed: String? = null,
    val merged: Boolean,
    val fastForward: Boolean,
    val head: String? = null,
    val conflicts: List<String>,
    val reason: String? = null,
)
