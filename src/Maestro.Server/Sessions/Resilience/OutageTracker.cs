using Maestro.Protocol;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// One outage of one turn, from its first failure to its end: the single <see cref="OutageEvent"/> that clients show
/// as a card, revised in place (same <c>outageId</c>) at every failed resend and closed as recovered or stopped.
/// </summary>
public sealed class OutageTracker
{
    public OutageTracker(string turnId, TurnFailure first, DateTimeOffset since)
    {
        Current = new OutageEvent
        {
            OutageId = "o_" + Guid.NewGuid().ToString("N")[..12],
            TurnId = turnId,
            Class = ToClass(first.Class),
            State = OutageState.Waiting,
            Attempts = 1,
            Since = since,
            ResetAt = first.ResetAt,
            Reason = first.Reason,
        };
    }

    public OutageEvent Current { get; private set; }

    public int Failures => Current.Attempts;

    public DateTimeOffset Since => Current.Since;

    /// <summary>Another resend failed the same way (or another retryable way).</summary>
    public void Failed(TurnFailure failure) => Current = Current with
    {
        Attempts = Current.Attempts + 1,
        Class = ToClass(failure.Class),
        ResetAt = failure.ResetAt ?? Current.ResetAt,
        Reason = failure.Reason,
    };

    public OutageEvent Waiting(DateTimeOffset nextAt) => Current = Current with { State = OutageState.Waiting, NextAt = nextAt };

    public bool FailedOver => Current.FailedOverTo is not null;

    /// <summary>The outage lasted long enough: from now on the prompt goes to the backup.</summary>
    public OutageEvent FailingOver(string to, DateTimeOffset at) => Current = Current with { FailedOverTo = to, FailedOverAt = at, NextAt = null };

    public OutageEvent Recovered(DateTimeOffset at) => Current = Current with { State = OutageState.Recovered, NextAt = null, EndedAt = at };

    public OutageEvent Stopped(string because, DateTimeOffset at) => Current = Current with { State = OutageState.Stopped, NextAt = null, EndedAt = at, StoppedBecause = because };

    private static OutageClass ToClass(FailureClass failure) => failure == FailureClass.Quota ? OutageClass.Quota : OutageClass.Availability;
}
