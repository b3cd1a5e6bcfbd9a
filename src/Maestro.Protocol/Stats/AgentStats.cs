namespace Maestro.Protocol;

public sealed record AgentStats
{
    public required string AgentId { get; init; }

    public required StatsTotals Totals { get; init; }
}
