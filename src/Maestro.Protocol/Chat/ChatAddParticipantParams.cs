namespace Maestro.Protocol;

public sealed record ChatAddParticipantParams
{
    public required string RoomId { get; init; }

    public required ChatParticipantSpec Participant { get; init; }
}
