namespace Maestro.Protocol;

public sealed record LeaderboardEntry
{
    public required string AgentId { get; init; }

    public required long TasksDone { get; init; }

    public required decimal CostUsd { get; init; }

    public required long RuntimeMs { get; init; }
}
