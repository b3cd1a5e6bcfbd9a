namespace Maestro.Server.Chat;

/// <summary>A participant's row: who it is, and how far into the room its prompts have carried it.</summary>
public sealed record ChatParticipantRecord
{
    public required string RoomId { get; init; }

    public required string Alias { get; init; }

    public required int Ordinal { get; init; }

    public required string AgentId { get; init; }

    public required string SessionId { get; init; }

    public string? Worktree { get; init; }

    /// <summary>The host its session runs on (<c>hosts/add</c>); null for this machine. Its turns go there.</summary>
    public string? Host { get; init; }

    /// <summary>The last room message a prompt of this participant carried.</summary>
    public long SeenSeq { get; init; }

    public DateTimeOffset? RemovedAt { get; init; }
}
