namespace Maestro.Protocol;

public sealed record Session
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string AgentId { get; init; }

    public required string Cwd { get; init; }

    /// <summary>The worktree path when the session runs in one of its own.</summary>
    public string? Worktree { get; init; }

    public string? Branch { get; init; }

    public required SessionStatus Status { get; init; }

    /// <summary>The agent's own id for the conversation, used to resume it.</summary>
    public string? AgentSessionId { get; init; }

    public string? Model { get; init; }

    public PermissionMode PermissionMode { get; init; }

    /// <summary>The seq of the last stored event.</summary>
    public long LastSeq { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required Usage Usage { get; init; }

    /// <summary>Put away by the user (<c>sessions/archive</c>): lists hide it unless asked; nothing else changes.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Archived { get; init; }

    /// <summary>The host (<c>hosts/add</c>) the session runs on; absent for a session of this machine. Its paths are paths there.</summary>
    public string? Host { get; init; }

    /// <summary>The session's host is not connected: this is its last known state, kept until the host is back.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Offline { get; init; }
}
