namespace Maestro.Protocol;

/// <summary>Commits the accepted (staged) changes of a worktree and merges its branch into the base branch.</summary>
public sealed record WorktreeMergeParams
{
    public required string Path { get; init; }

    /// <summary>The branch to merge into; the main worktree's branch when absent.</summary>
    public string? Base { get; init; }

    /// <summary>The commit message for the accepted changes; nothing is committed when absent and nothing is staged.</summary>
    public string? Message { get; init; }

    public MergeStrategy Strategy { get; init; } = MergeStrategy.Auto;

    /// <summary>The host (<c>hosts/add</c>) to ask; absent for this machine. Paths are paths there.</summary>
    public string? Host { get; init; }
}
