namespace Maestro.Protocol;

public sealed record PlanEvent : SessionEvent
{
    public required IReadOnlyList<PlanEntry> Entries { get; init; }
}
