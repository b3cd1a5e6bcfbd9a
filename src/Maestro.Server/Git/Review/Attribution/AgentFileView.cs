using Maestro.Protocol;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// One agent change as it stands: the baseline, the agent's version and the working file (null = no file), and the
/// agent's hunks (baseline to agent version) with, per hunk, whether the user has since edited its lines.
/// </summary>
internal sealed record AgentFileView(AgentChange Change, byte[]? Baseline, byte[]? Agent, byte[]? Working)
{
    public required ChangeStatus Status { get; init; }

    public required bool Binary { get; init; }

    public IReadOnlyList<string> BaselineLines { get; init; } = [];

    public IReadOnlyList<string> AgentLines { get; init; } = [];

    public IReadOnlyList<string> WorkingLines { get; init; } = [];

    public IReadOnlyList<DiffHunk> Hunks { get; init; } = [];

    /// <summary>Ids of the hunks the user edited on top of.</summary>
    public IReadOnlySet<string> MixedHunks { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Reviewed as one piece (created, deleted or binary), and the working file is no longer what the agent left.</summary>
    public bool WholeFileMixed { get; init; }

    public bool WholeFile => Binary || Status != ChangeStatus.Modified;
}
