using Maestro.Protocol;

namespace Maestro.Server.Stats;

/// <summary>
/// One session's running turn as its events go by: usage summed, and the time spent waiting (for a permission
/// answer or out of a provider outage) kept apart from the agent's busy time.
/// </summary>
internal sealed class TurnAccumulator(string turnId, DateTimeOffset startedAt)
{
    private DateTimeOffset? pausedSince;
    private TimeSpan paused;

    public string TurnId { get; } = turnId;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public Usage Usage { get; private set; } = Usage.Zero;

    public void Add(Usage usage) => Usage = Usage.Add(usage);

    public void StatusChanged(SessionStatus status, DateTimeOffset at)
    {
        var waiting = status is SessionStatus.Waiting or SessionStatus.Retrying;
        if (waiting && pausedSince is null)
        {
            pausedSince = at;
        }
        else if (!waiting && pausedSince is { } since)
        {
            paused += at - since;
            pausedSince = null;
        }
    }

    public TurnStatsRow End(string sessionId, DateTimeOffset endedAt, StopReason? stopReason)
    {
        StatusChanged(SessionStatus.Idle, endedAt);
        var wall = endedAt - StartedAt;
        return new TurnStatsRow
        {
            SessionId = sessionId,
            TurnId = TurnId,
            StartedAt = StartedAt,
            EndedAt = endedAt,
            BusyMs = Math.Max(0, (long)(wall - paused).TotalMilliseconds),
            Usage = Usage,
            StopReason = stopReason,
        };
    }
}
