using Maestro.Protocol;

namespace Maestro.Server.Stats;

/// <summary>One ended turn as the recorder stores it; the agent, model and folder come from the session's row.</summary>
public sealed record TurnStatsRow
{
    public required string SessionId { get; init; }

    public required string TurnId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public required long BusyMs { get; init; }

    public required Usage Usage { get; init; }

    public StopReason? StopReason { get; init; }

    /// <summary>Billionths of a USD: what turn_stats keeps, so sums are exact integers.</summary>
    public long CostNano => decimal.ToInt64(decimal.Round(Usage.CostUsd * 1_000_000_000m, MidpointRounding.AwayFromZero));

    /// <summary>False when the turn used tokens but its agent reported no cost.</summary>
    public bool CostKnown => Usage.CostUsd > 0 || Usage.InputTokens + Usage.OutputTokens + Usage.CacheReadTokens + Usage.CacheWriteTokens == 0;
}
