namespace Maestro.Protocol;

public sealed record ReviewChangesResult
{
    /// <summary>
    /// With the agent baseline: one entry per file per session turn that changed it (a file two sessions changed is
    /// listed twice, once for each); with the index baseline: one per changed file.
    /// </summary>
    public required IReadOnlyList<ReviewFile> Files { get; init; }

    /// <summary>The sessions with pending agent hunks in the folder, for grouping; null with the index baseline.</summary>
    public IReadOnlyList<ReviewSessionSummary>? Sessions { get; init; }
}
