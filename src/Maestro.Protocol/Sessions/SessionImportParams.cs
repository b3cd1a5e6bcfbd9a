namespace Maestro.Protocol;

public sealed record SessionImportParams
{
    public required string AgentId { get; init; }

    public required string AgentSessionId { get; init; }
}
