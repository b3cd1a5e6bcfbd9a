namespace Maestro.Protocol;

public sealed record UsageEvent : SessionEvent
{
    public required Usage Usage { get; init; }
}
