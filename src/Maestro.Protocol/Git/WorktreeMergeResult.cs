namespace Maestro.Protocol;

public sealed record WorktreeMergeResult
{
    /// <summary>The commit made of the accepted changes, if one was made.</summary>
    public string? Committed { get; init; }

    public required bool Merged { get; init; }

    public bool FastForward { get; init; }

    /// <summary>The new head of the base branch when merged.</summary>
    public string? Head { get; init; }

    /// <summary>Paths in conflict; the base branch is left as it was.</summary>
    public required IReadOnlyList<string> Conflicts { get; init; }

    /// <summary>Why nothing was merged, when <see cref="Merged"/> is false: conflicts, or no fast-forward possible.</summary>
    public string? Reason { get; init; }
}
