namespace Maestro.Protocol;

/// <summary>A participant of a room: an ordinary session, openable like any other.</summary>
public sealed record ChatParticipant
{
    /// <summary>The name used in @mentions.</summary>
    public required string Alias { get; init; }

    public required string AgentId { get; init; }

    public required string SessionId { get; init; }

    public string? Worktree { get; init; }

    /// <summary>The host its session runs on when that is not the room's machine; its session is then one of that host's sessions.</summary>
    public string? Host { get; init; }
}
