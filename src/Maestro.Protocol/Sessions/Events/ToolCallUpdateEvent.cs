namespace Maestro.Protocol;

public sealed record ToolCallUpdateEvent : SessionEvent
{
    public required string ToolCallId { get; init; }

    public required ToolCallStatus Status { get; init; }

    public string? Output { get; init; }
}
