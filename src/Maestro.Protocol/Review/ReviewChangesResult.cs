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

    /// <summary>
    /// The files whose agent changes were decided and not undone, one per session and file (the latest decision wins),
    /// so every client can show what became of them (kept or rejected), whichever client decided; null with the index
    /// baseline.
    /// </summary>
    public IReadOnlyList<ReviewDecidedFile>? Decided { get; init; }
}
