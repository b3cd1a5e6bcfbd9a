namespace Maestro.Protocol;

/// <summary>Turns that ended in [since, until); both open when left out.</summary>
public sealed record StatsGetParams
{
    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public StatsGroupBy? GroupBy { get; init; }

    /// <summary>Only the turns of this agent (the panel's per-day charts split by agent); every agent's when left out.</summary>
    public string? AgentId { get; init; }

    /// <summary>The stats of this host's daemon (<c>hosts/add</c>), as it counts its own turns; this machine's when absent.</summary>
    public string? Host { get; init; }
}
