namespace Maestro.Protocol;

public sealed record ReviewHunk
{
    /// <summary>A hash of the session, turn, path, position and content: stable while the file does not change.</summary>
    public required string Id { get; init; }

    /// <summary>Where the hunk starts in the baseline (agent baseline: the file before the turn; index: the index).</summary>
    public required int OldStart { get; init; }

    public required int OldLines { get; init; }

    /// <summary>Where the hunk's lines are in the working file now (after any later edit above it).</summary>
    public required int NewStart { get; init; }

    public required int NewLines { get; init; }

    public required string Header { get; init; }

    /// <summary>Unified diff lines, each starting with ' ', '+', '-' or '\'.</summary>
    public required IReadOnlyList<string> Lines { get; init; }

    /// <summary>The session whose turn made the hunk (agent baseline only).</summary>
    public string? SessionId { get; init; }

    public string? TurnId { get; init; }

    public string? AgentId { get; init; }

    public string? SessionName { get; init; }

    /// <summary>The user edited these lines after the agent: rejecting the hunk would lose that edit, so it needs <c>confirm</c>.</summary>
    public bool Mixed { get; init; }
}
