namespace Maestro.Protocol;

public sealed record ChatPostParams
{
    public required string RoomId { get; init; }

    public required string Text { get; init; }
}
