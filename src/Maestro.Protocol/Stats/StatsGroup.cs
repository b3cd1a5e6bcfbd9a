namespace Maestro.Protocol;

/// <summary>One group of <c>stats/get</c>: its key (a day, agent id, model or folder) and its totals.</summary>
public sealed record StatsGroup
{
    public required string Key { get; init; }

    public required StatsTotals Totals { get; init; }
}
