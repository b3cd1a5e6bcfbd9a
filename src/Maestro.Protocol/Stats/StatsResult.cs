namespace Maestro.Protocol;

public sealed record StatsResult
{
    public required StatsTotals Totals { get; init; }

    public required IReadOnlyList<AgentStats> ByAgent { get; init; }

    public required IReadOnlyList<LeaderboardEntry> Leaderboard { get; init; }
}
