namespace Maestro.Protocol;

/// <summary>The local leaderboard: cumulative Auto Run time with its rank, the longest runs, the most productive ones, and each agent's record.</summary>
public sealed record StatsLeaderboardResult
{
    public required long AutoRunMs { get; init; }

    /// <summary>Null below the first step (15 minutes).</summary>
    public AutoRunRank? Rank { get; init; }

    /// <summary>The step after <see cref="Rank"/>; null at the top.</summary>
    public AutoRunRank? NextRank { get; init; }

    public required IReadOnlyList<RunLeaderboardEntry> LongestRuns { get; init; }

    public required IReadOnlyList<RunLeaderboardEntry> MostTasks { get; init; }

    public required IReadOnlyList<AgentLeaderboardEntry> Agents { get; init; }
}
