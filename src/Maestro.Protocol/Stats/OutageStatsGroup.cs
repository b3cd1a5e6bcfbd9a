namespace Maestro.Protocol;

/// <summary>One group of <c>stats/outages</c>: an agent id or a local day, and its outages.</summary>
public sealed record OutageStatsGroup
{
    public required string Key { get; init; }

    public required OutageTotals Totals { get; init; }
}
