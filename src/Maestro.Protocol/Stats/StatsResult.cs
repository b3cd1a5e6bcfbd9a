namespace Maestro.Protocol;

public sealed record StatsResult
{
    public required StatsTotals Totals { get; init; }

    public StatsGroupBy? GroupBy { get; init; }

    /// <summary>Empty without <c>groupBy</c>; days in order, else the largest cost first.</summary>
    public required IReadOnlyList<StatsGroup> Groups { get; init; }

    /// <summary>Every cost limit set in settings.json (over all agents first, then per agent) with its period's spend; empty when none is set.</summary>
    public IReadOnlyList<CostLimitStatus> Limits { get; init; } = [];
}
