namespace Maestro.Protocol;

public sealed record ReviewFile
{
    public required string Path { get; init; }

    public string? OldPath { get; init; }

    public required ChangeStatus Status { get; init; }

    public required bool Binary { get; init; }

    public required IReadOnlyList<ReviewHunk> Hunks { get; init; }

    /// <summary>The session whose turn made these changes (agent baseline only).</summary>
    public string? SessionId { get; init; }

    public string? TurnId { get; init; }

    public string? AgentId { get; init; }

    /// <summary>The session's name, e.g. "Claude Code 1", for labels.</summary>
    public string? SessionName { get; init; }

    /// <summary>
    /// The user changed the file where the agent did since the turn (a binary, created or deleted file, reviewed
    /// whole): rejecting it needs <c>confirm</c>.
    /// </summary>
    public bool Mixed { get; init; }
}
