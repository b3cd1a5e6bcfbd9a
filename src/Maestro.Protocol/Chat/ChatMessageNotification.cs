namespace Maestro.Protocol;

public sealed record ChatMessageNotification
{
    public required string RoomId { get; init; }

    public required ChatMessage Message { get; init; }
}
