namespace Maestro.Protocol;

/// <summary>A participant to add: a new session of <see cref="AgentId"/>, or an existing session by <see cref="SessionId"/>.</summary>
public sealed record ChatParticipantSpec
{
    /// <summary>The name used in @mentions: letters, digits, '-' and '_'; unique in the room.</summary>
    public required string Alias { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    /// <summary>A fresh worktree on its own branch for this participant's session.</summary>
    public WorktreeRequest? Worktree { get; init; }
}
