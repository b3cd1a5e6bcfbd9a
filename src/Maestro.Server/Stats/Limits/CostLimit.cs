namespace Maestro.Server.Stats.Limits;

/// <summary>A daily and a monthly ceiling in USD (local calendar day and month); null is no ceiling.</summary>
public record CostLimit
{
    public decimal? DailyUsd { get; init; }

    public decimal? MonthlyUsd { get; init; }
}
