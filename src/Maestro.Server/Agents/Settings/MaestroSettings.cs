namespace Maestro.Server.Agents.Settings;

/// <summary>The content of <c>$MAESTRO_HOME/settings.json</c>.</summary>
public sealed record MaestroSettings
{
    public IReadOnlyDictionary<string, AgentSettings> Agents { get; init; } = new Dictionary<string, AgentSettings>();

    /// <summary>Daily and monthly ceilings in USD, over all agents and per agent (see docs/stats.md).</summary>
    public Stats.Limits.CostLimits? CostLimits { get; init; }

    /// <summary>Remote access: where cloudflared is, how long to wait for its tunnel (see docs/remote.md).</summary>
    public RemoteSettings? Remote { get; init; }
}
