namespace Maestro.Protocol;

/// <summary>One Playbook run on the leaderboard: how long it ran unattended and what it got done.</summary>
public sealed record RunLeaderboardEntry
{
    public required string RunId { get; init; }

    public required string Playbook { get; init; }

    public required string AgentId { get; init; }

    public RunOutcome? Outcome { get; init; }

    public required long DurationMs { get; init; }

    public required long TasksAttempted { get; init; }

    public required long TasksDone { get; init; }

    public required long TasksFailed { get; init; }

    public required decimal CostUsd { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
}
