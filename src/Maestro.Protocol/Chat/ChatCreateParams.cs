namespace Maestro.Protocol;

public sealed record ChatCreateParams
{
    public required string Name { get; init; }

    public required IReadOnlyList<ChatParticipant> Participants { get; init; }

    public ChatModerator? Moderator { get; init; }
}
