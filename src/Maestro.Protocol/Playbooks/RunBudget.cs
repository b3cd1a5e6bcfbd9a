namespace Maestro.Protocol;

public sealed record RunBudget
{
    public int? MaxTasks { get; init; }

    public decimal? MaxCostUsd { get; init; }

    public double? MaxMinutes { get; init; }

    /// <summary>How long one attempt at a task may take; an attempt over it is stopped and counts as not done.</summary>
    public double? MaxTaskMinutes { get; init; }
}
