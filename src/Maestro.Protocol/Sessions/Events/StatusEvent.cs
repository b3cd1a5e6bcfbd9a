namespace Maestro.Protocol;

public sealed record StatusEvent : SessionEvent
{
    public required SessionStatus Status { get; init; }

    public string? TurnId { get; init; }

    public StopReason? StopReason { get; init; }
}
