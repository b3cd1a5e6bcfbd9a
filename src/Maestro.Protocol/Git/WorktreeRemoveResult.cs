namespace Maestro.Protocol;

/// <summary>What <c>worktrees/remove</c> (and <c>sessions/close {removeWorktree}</c>) removed.</summary>
public sealed record WorktreeRemoveResult
{
    /// <summary>The removed worktree's folder.</summary>
    public required string Path { get; init; }

    /// <summary>The branch it had checked out; absent for a detached HEAD.</summary>
    public string? Branch { get; init; }

    /// <summary>True when <c>deleteBranch</c> deleted <c>branch</c>; false when it was not asked for or there was no branch.</summary>
    public bool BranchDeleted { get; init; }
}
