namespace Maestro.Protocol;

public sealed record Room
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Cwd { get; init; }

    /// <summary>The current participants, in the order they joined (removed ones are left out).</summary>
    public required IReadOnlyList<ChatParticipant> Participants { get; init; }

    public ChatModerator? Moderator { get; init; }

    public required int MaxRounds { get; init; }

    public required bool Parallel { get; init; }

    public required RoomState State { get; init; }

    /// <summary>Aliases of the participants whose turn runs now.</summary>
    public required IReadOnlyList<string> Working { get; init; }

    /// <summary>The round of the user message being answered (0 when idle).</summary>
    public required int Round { get; init; }

    public required long LastSeq { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The host the room is on (<c>hosts/add</c>); absent for a room of this machine. Its requests go there.</summary>
    public string? Host { get; init; }
}
