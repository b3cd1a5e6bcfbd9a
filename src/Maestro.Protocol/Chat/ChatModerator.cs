namespace Maestro.Protocol;

/// <summary>The agent that decides who answers a message that mentions no one.</summary>
public sealed record ChatModerator
{
    public required string AgentId { get; init; }

    /// <summary>The moderator's own session; set by the server.</summary>
    public string? SessionId { get; init; }
}
