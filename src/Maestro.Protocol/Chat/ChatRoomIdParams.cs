namespace Maestro.Protocol;

public sealed record ChatRoomIdParams
{
    public required string RoomId { get; init; }
}
