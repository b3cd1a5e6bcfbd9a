namespace Maestro.Protocol;

public sealed record AgentsListResult
{
    public required IReadOnlyList<AgentInfo> Agents { get; init; }
}
