namespace Maestro.Protocol;

public sealed record ChatMessageNotification
{
    public required string RoomId { get; init; }

    public required ChatMessage Message { get; init; }

    /// <summary>The room's host, when the room is on one.</summary>
    public string? Host { get; init; }
}
