namespace Maestro.Protocol;

/// <summary>The <c>data</c> of every error Maestro sends: a kind to branch on, and what the kind needs.</summary>
public sealed record ErrorData
{
    public required string Kind { get; init; }

    /// <summary>The method or feature the error is about, when there is one.</summary>
    public string? Method { get; init; }

    public string? Feature { get; init; }

    /// <summary>The path concerned, e.g. a worktree or a file outside the workspace.</summary>
    public string? Path { get; init; }

    /// <summary>The branch concerned, e.g. the one a worktree removal kept because it was not merged.</summary>
    public string? Branch { get; init; }

    /// <summary>Several paths, e.g. the dirty files of a worktree.</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>Hunk ids concerned, e.g. the stale ones of a <c>review/accept</c>.</summary>
    public IReadOnlyList<string>? HunkIds { get; init; }

    public string? ServerVersion { get; init; }

    public string? ClientVersion { get; init; }
}
