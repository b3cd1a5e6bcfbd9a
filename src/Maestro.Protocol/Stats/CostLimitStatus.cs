namespace Maestro.Protocol;

/// <summary>One cost limit of settings.json and what its current period (today, this month) has spent so far.</summary>
public sealed record CostLimitStatus
{
    public required CostLimitPeriod Period { get; init; }

    /// <summary>The agent the limit is for; null for the limit over all agents.</summary>
    public string? AgentId { get; init; }

    public required decimal LimitUsd { get; init; }

    public required decimal SpentUsd { get; init; }

    /// <summary>Spent over the limit, rounded down: 80 and more is the warning state, 100 and more refuses new turns.</summary>
    public required int Percent { get; init; }
}
