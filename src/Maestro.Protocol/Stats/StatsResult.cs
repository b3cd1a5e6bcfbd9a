namespace Maestro.Protocol;

public sealed record StatsResult
{
    public required StatsTotals Totals { get; init; }

    public StatsGroupBy? GroupBy { get; init; }

    /// <summary>Empty without <c>groupBy</c>; days in order, else the largest cost first.</summary>
    public required IReadOnlyList<StatsGroup> Groups { get; init; }
}
