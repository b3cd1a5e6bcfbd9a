using System.Collections.Concurrent;
using Maestro.Protocol;
using Maestro.Server.Sessions;
using Maestro.Server.Stats.Limits;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Stats;

/// <summary>
/// Records every turn's usage as its session's events are stored: a prompt opens the turn, usage events add to it,
/// the status with a stop reason ends it and queues its row. It listens to <see cref="SessionService.EventAppended"/>,
/// which runs on the session's event pump: it only counts there, the write goes to the database's writer queue
/// and is never awaited by the pump. It must never fail a turn.
/// </summary>
public sealed class TurnStatsRecorder
{
    private readonly ConcurrentDictionary<string, TurnAccumulator> running = new(StringComparer.Ordinal);
    private readonly StatsStore store;
    private readonly CostLimitGate limits;
    private readonly ILogger<TurnStatsRecorder> logger;

    public TurnStatsRecorder(StatsStore store, CostLimitGate limits, ILogger<TurnStatsRecorder> logger)
    {
        this.store = store;
        this.limits = limits;
        this.logger = logger;
    }

    /// <summary>
    /// Set only by the bench (bench/Maestro.Bench, scenario stats) to time turns without recording against turns with
    /// it in the same run; nothing else sets it, and settings cannot.
    /// </summary>
    public bool PausedForBench { get; set; }

    /// <summary>Starts recording the turns of <paramref name="sessions"/>; called once, where the service is made.</summary>
    public void Attach(SessionService sessions) => sessions.EventAppended += (_, e) => Observe(e.Notification);

    /// <summary>One stored event of a session; public for the recording-overhead bench.</summary>
    public void Observe(SessionEventNotification notification)
    {
        if (PausedForBench)
        {
            return;
        }

        try
        {
            switch (notification.Event)
            {
                case PromptEvent prompt:
                    running[notification.SessionId] = new TurnAccumulator(prompt.TurnId, notification.Time);
                    break;
                case UsageEvent usage when running.TryGetValue(notification.SessionId, out var turn):
                    turn.Add(usage.Usage);
                    break;
                case StatusEvent { StopReason: { } stop } when running.TryRemove(notification.SessionId, out var turn):
                    Record(turn.End(notification.SessionId, notification.Time, stop));
                    break;
                case StatusEvent status when running.TryGetValue(notification.SessionId, out var turn):
                    turn.StatusChanged(status.Status, notification.Time);
                    break;
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not count an event of session {Session} in the stats", notification.SessionId);
        }
    }

    private void Record(TurnStatsRow row)
    {
        _ = RecordAsync(row);
    }

    private async Task RecordAsync(TurnStatsRow row)
    {
        try
        {
            var agentId = await store.RecordAsync(row, CancellationToken.None);
            if (agentId is not null)
            {
                await limits.TurnRecordedAsync(agentId, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not store the stats of turn {Turn} of session {Session}", row.TurnId, row.SessionId);
        }
    }
}
