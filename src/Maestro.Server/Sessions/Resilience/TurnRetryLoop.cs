using Maestro.Protocol;
using Maestro.Server.Agents.Running;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// Runs a turn and, while it fails for a reason its agent's policy resends (an outage, a spent quota), waits and sends
/// the same prompt again through the same adapter. The session shows <c>retrying</c> and one outage event while it
/// waits; the outage closes as recovered when a resend is served, or stopped on cancel, a new prompt, the cap, or a
/// failure that is not resent. When the agent has a failover and the outage has lasted its minutes, the resends go to
/// the backup (<see cref="TurnRoute.Backup"/>) until the outage ends. What the caller gets is the outcome of the last send.
/// </summary>
internal sealed class TurnRetryLoop
{
    private readonly TurnRetryPolicy policy;
    private readonly OutageControl control;
    private readonly TimeProvider time;
    private readonly IOutageReporter reporter;

    public TurnRetryLoop(TurnRetryPolicy policy, OutageControl control, TimeProvider time, IOutageReporter reporter)
    {
        this.policy = policy;
        this.control = control;
        this.time = time;
        this.reporter = reporter;
    }

    public async Task<TurnOutcome> RunAsync(string turnId, ITurnSink sink, Func<ITurnSink, TurnRoute, CancellationToken, Task<TurnOutcome>> send, CancellationToken cancellationToken)
    {
        OutageTracker? outage = null;
        while (true)
        {
            var route = await RouteAsync(outage);
            var watch = new LastAssistantMessageSink(sink);
            var outcome = await send(watch, route, cancellationToken);
            if (outcome.StopReason == StopReason.Cancelled)
            {
                await CloseAsync(outage, "cancelled");
                return outcome;
            }

            var now = time.GetUtcNow();
            var failure = policy.Classify(new FailedTurn(outcome, watch.LastAssistantMessage, now));
            if (failure is null)
            {
                if (outage is not null)
                {
                    await reporter.ReportAsync(outage.Recovered(now));
                }

                return outcome;
            }

            if (!failure.Retryable)
            {
                await CloseAsync(outage, "the resend failed for a reason that is not retried: " + failure.Reason);
                return outcome;
            }

            if (outage is null)
            {
                outage = new OutageTracker(turnId, failure, now);
            }
            else
            {
                outage.Failed(failure);
            }

            if (policy.NextAttempt(failure, outage.Failures, outage.Since, now) is not { } next)
            {
                // A class turned off never opens an outage; one over its cap is closed.
                await CloseAsync(outage.Failures > 1 ? outage : null, $"the outage lasted over the cap of {policy.Settings.Cap.TotalHours:0.#} h");
                return outcome;
            }

            // The failover is due before the next scheduled resend: the backup is tried then, not later.
            if (!outage.FailedOver && policy.FailoverAt(outage.Since) is { } failoverAt && failoverAt < next)
            {
                next = failoverAt < now ? now : failoverAt;
            }

            var wait = control.BeginWait(next, cancellationToken);
            await reporter.ReportAsync(outage.Waiting(next));
            await reporter.SetStatusAsync(SessionStatus.Retrying, turnId);
            RetryWaitEnd end;
            try
            {
                end = await wait;
            }
            catch (OperationCanceledException)
            {
                await CloseAsync(outage, "cancelled");
                return new TurnOutcome(StopReason.Cancelled, outcome.Usage);
            }

            if (end == RetryWaitEnd.TakenOver)
            {
                await CloseAsync(outage, "a new prompt took over");
                return new TurnOutcome(StopReason.Cancelled, outcome.Usage);
            }

            await reporter.SetStatusAsync(SessionStatus.Running, turnId);
        }
    }

    /// <summary>
    /// Where the next send goes. The primary, unless an open outage has lasted the failover's minutes (by the clock
    /// at send time, so a Try now before then still tries the primary); the switch is announced on the outage's event.
    /// </summary>
    private async ValueTask<TurnRoute> RouteAsync(OutageTracker? outage)
    {
        if (outage is null)
        {
            return TurnRoute.Primary;
        }

        if (outage.FailedOver)
        {
            return TurnRoute.Backup;
        }

        var now = time.GetUtcNow();
        if (policy.FailoverAt(outage.Since) is { } at && at <= now && policy.Settings.Failover is { } failover)
        {
            await reporter.ReportAsync(outage.FailingOver(failover.Describe(), now));
            return TurnRoute.Backup;
        }

        return TurnRoute.Primary;
    }

    private async Task CloseAsync(OutageTracker? outage, string because)
    {
        if (outage is not null)
        {
            await reporter.ReportAsync(outage.Stopped(because, time.GetUtcNow()));
        }
    }
}
