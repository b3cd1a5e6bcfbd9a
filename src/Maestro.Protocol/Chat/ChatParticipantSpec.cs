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

    /// <summary>
    /// Runs this participant's session on that host (<c>hosts/add</c>) while the room stays here, so one room mixes
    /// local and remote participants; absent: on this machine (or on the room's host, for a room created there).
    /// </summary>
    public string? Host { get; init; }

    /// <summary>The folder of this participant's session (on its host, for one on a host); the room's <c>cwd</c> when absent, or the host's default folder for one on a host.</summary>
    public string? Cwd { get; init; }
}
