namespace Maestro.Protocol;

/// <summary>A cost limit is 80 % spent (or all of it): sent to every client once per limit, period and threshold.</summary>
public sealed record BudgetWarningNotification
{
    public required CostLimitPeriod Period { get; init; }

    /// <summary>The agent the limit is for; null for the limit over all agents.</summary>
    public string? AgentId { get; init; }

    public required decimal LimitUsd { get; init; }

    public required decimal SpentUsd { get; init; }

    /// <summary>80 or 100.</summary>
    public required int Percent { get; init; }

    public required string Message { get; init; }
}
