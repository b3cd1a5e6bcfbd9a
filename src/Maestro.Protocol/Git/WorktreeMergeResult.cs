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
}
