namespace Maestro.Protocol;

public sealed record ChatListResult
{
    public required IReadOnlyList<Room> Rooms { get; init; }
}
