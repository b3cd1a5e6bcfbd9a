namespace Maestro.Protocol;

public sealed record WorktreeRemoveParams
{
    public required string Path { get; init; }

    /// <summary>Remove it even with uncommitted or untracked files or a lock; with <c>deleteBranch</c>, also delete an unmerged branch.</summary>
    public bool Force { get; init; }

    /// <summary>
    /// After removing the worktree, delete the branch it had checked out: only when its commits are merged (into its base
    /// or the main worktree's HEAD) unless <c>force</c>; never a branch checked out in another worktree.
    /// </summary>
    public bool DeleteBranch { get; init; }

    /// <summary>The host (<c>hosts/add</c>) to ask; absent for this machine. Paths are paths there.</summary>
    public string? Host { get; init; }
}
