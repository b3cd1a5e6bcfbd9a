namespace Maestro.Protocol;

/// <summary>The outages of the window, in total, per agent (most outages first) and per local day (in order).</summary>
public sealed record StatsOutagesResult
{
    public required OutageTotals Totals { get; init; }

    public required IReadOnlyList<OutageStatsGroup> ByAgent { get; init; }

    public required IReadOnlyList<OutageStatsGroup> ByDay { get; init; }
}
