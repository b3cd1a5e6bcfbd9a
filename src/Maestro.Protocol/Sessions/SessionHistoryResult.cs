namespace Maestro.Protocol;

public sealed record SessionHistoryResult
{
    public required IReadOnlyList<SessionEventNotification> Events { get; init; }

    public required bool HasMore { get; init; }
}
