namespace Maestro.Protocol;

public sealed record ChatRemoveParticipantParams
{
    public required string RoomId { get; init; }

    public required string Alias { get; init; }
}
