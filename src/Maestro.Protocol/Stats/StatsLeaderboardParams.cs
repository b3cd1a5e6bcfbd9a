namespace Maestro.Protocol;

public sealed record StatsLeaderboardParams
{
    /// <summary>How many runs each run list holds (default 10, at most 100).</summary>
    public int? Limit { get; init; }
}
