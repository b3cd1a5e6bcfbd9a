namespace Maestro.Protocol;

public sealed record SessionCloseResult
{
    /// <summary>The worktree <c>removeWorktree</c> removed (and whether its branch was deleted); absent when none was.</summary>
    public WorktreeRemoveResult? RemovedWorktree { get; init; }
}
