namespace Maestro.Protocol;

public sealed record Room
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<ChatParticipant> Participants { get; init; }

    public ChatModerator? Moderator { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
