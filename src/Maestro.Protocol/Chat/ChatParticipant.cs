namespace Maestro.Protocol;

public sealed record ChatParticipant
{
    public required string AgentId { get; init; }

    /// <summary>The name used in @mentions.</summary>
    public required string Alias { get; init; }
}
