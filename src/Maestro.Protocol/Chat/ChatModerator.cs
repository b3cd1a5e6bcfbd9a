namespace Maestro.Protocol;

public sealed record ChatModerator
{
    public required string AgentId { get; init; }
}
