using Maestro.Protocol;
using Maestro.Server.Sessions;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Stats.Outages;

/// <summary>
/// Writes an outages row when an outage closes: its last version (recovered or stopped) passes the session's event
/// pump like every revision. Runs on the pump, so it only queues the write, never awaits it, and never fails a turn.
/// </summary>
public sealed class OutageStatsRecorder
{
    private readonly OutageStatsStore store;
    private readonly ILogger<OutageStatsRecorder> logger;

    public OutageStatsRecorder(OutageStatsStore store, ILogger<OutageStatsRecorder> logger)
    {
        this.store = store;
        this.logger = logger;
    }

    /// <summary>Starts recording the outages of <paramref name="sessions"/>; called once, where the service is made.</summary>
    public void Attach(SessionService sessions) => sessions.EventAppended += (_, e) => Observe(e.Notification);

    public void Observe(SessionEventNotification notification)
    {
        if (notification.Event is OutageEvent { State: not OutageState.Waiting } outage)
        {
            _ = RecordAsync(notification.SessionId, outage);
        }
    }

    private async Task RecordAsync(string sessionId, OutageEvent outage)
    {
        try
        {
            await store.RecordAsync(sessionId, outage, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not store outage {Outage} of session {Session} in the stats", outage.OutageId, sessionId);
        }
    }
}
