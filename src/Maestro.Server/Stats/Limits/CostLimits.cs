namespace Maestro.Server.Stats.Limits;

/// <summary>
/// <c>costLimits</c> in <c>$MAESTRO_HOME/settings.json</c>: ceilings over all agents, and per agent id under <c>agents</c>.
/// At 80 % of one the editors are warned; at 100 % new turns and runs are refused and running Playbooks stop.
/// </summary>
public sealed record CostLimits : CostLimit
{
    public IReadOnlyDictionary<string, CostLimit>? Agents { get; init; }
}
