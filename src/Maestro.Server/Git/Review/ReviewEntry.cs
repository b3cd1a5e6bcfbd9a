using LibGit2Sharp;
using Maestro.Protocol;

namespace Maestro.Server.Git.Review;

/// <summary>One changed file under review, as computed from the index and the working tree at one moment.</summary>
internal sealed record ReviewEntry
{
    public required string Path { get; init; }

    /// <summary>The index path a working-tree rename came from.</summary>
    public string? OldPath { get; init; }

    public required ChangeStatus Status { get; init; }

    public required bool Binary { get; init; }

    /// <summary>The index version's mode (of <see cref="OldPath"/> for a rename); null when untracked.</summary>
    public Mode? IndexMode { get; init; }

    /// <summary>The index version's bytes; empty when untracked.</summary>
    public byte[] IndexContent { get; init; } = [];

    /// <summary>The working file's bytes (a symlink's target); null when deleted.</summary>
    public byte[]? WorkingContent { get; init; }

    public Mode? WorkingMode { get; init; }

    public IReadOnlyList<string> OldLines { get; init; } = [];

    public IReadOnlyList<string> NewLines { get; init; } = [];

    public IReadOnlyList<DiffHunk> Hunks { get; init; } = [];

    /// <summary>True when <paramref name="selector"/> (repository-relative, empty for all) names this file or a folder above it.</summary>
    public bool MatchedBy(string selector)
        => Matches(Path, selector) || (OldPath is not null && Matches(OldPath, selector));

    private static bool Matches(string path, string selector)
        => selector.Length == 0
           || string.Equals(path, selector, StringComparison.Ordinal)
           || path.StartsWith(selector.TrimEnd('/') + "/", StringComparison.Ordinal);
}
