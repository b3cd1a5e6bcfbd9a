namespace Maestro.Server.Agents.Containment;

/// <summary>
/// What start-up found in <c>agent_processes</c>: per session, the agent a dead Maestro process left (and whether it
/// still ran); and the sessions whose agent belongs to another live Maestro process (a <c>maestro run</c>), not to recover.
/// </summary>
public sealed record SurvivorReport(IReadOnlyDictionary<string, ReapedAgent> Reaped, IReadOnlySet<string> ClaimedElsewhere);
