namespace Maestro.Protocol;

/// <summary>
/// <c>sessions/events</c>: several consecutive events of one session in one message, sent instead of one
/// <c>sessions/event</c> each to clients whose <c>initialize</c> said <c>capabilities.batchedEvents</c>.
/// </summary>
public sealed record SessionEventsNotification
{
    public required string SessionId { get; init; }

    /// <summary>In seq order, contiguous.</summary>
    public required IReadOnlyList<SessionEventNotification> Events { get; init; }

    /// <summary>The host of the session, for a session of another machine relayed by this daemon.</summary>
    public string? Host { get; init; }
}
