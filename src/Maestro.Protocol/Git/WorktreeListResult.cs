namespace Maestro.Protocol;

public sealed record WorktreeListResult
{
    public required IReadOnlyList<Worktree> Worktrees { get; init; }
}
