namespace Maestro.Protocol;

public sealed record RunBudget
{
    public int? MaxTasks { get; init; }

    public decimal? MaxCostUsd { get; init; }

    public double? MaxMinutes { get; init; }
}
