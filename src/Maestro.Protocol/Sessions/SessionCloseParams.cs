namespace Maestro.Protocol;

public sealed record SessionCloseParams
{
    public required string SessionId { get; init; }

    public bool RemoveWorktree { get; init; }

    /// <summary>With <c>removeWorktree</c>: also delete the worktree's branch, only when its commits are merged (as <c>worktrees/remove {deleteBranch}</c> without force).</summary>
    public bool DeleteBranch { get; init; }
}
