namespace Maestro.Server.Sessions.Resilience;

/// <summary>One agent's classifier and resilience settings: which failed turns are resent, and when.</summary>
public sealed class TurnRetryPolicy
{
    public TurnRetryPolicy(ITurnFailureClassifier classifier, ResilienceSettings settings)
    {
        Classifier = classifier;
        Settings = settings;
    }

    /// <summary>Never resends: for runtimes built without a policy.</summary>
    public static TurnRetryPolicy Off { get; } = new(TextFailureClassifier.Instance, new ResilienceSettings { Availability = false, Quota = false });

    public ITurnFailureClassifier Classifier { get; }

    public ResilienceSettings Settings { get; }

    /// <summary>The failure as classified, or null when the turn did not fail.</summary>
    public TurnFailure? Classify(FailedTurn turn) => Classifier.Classify(turn);

    /// <summary>When an outage that began at <paramref name="since"/> goes to the backup; null when failover is off.</summary>
    public DateTimeOffset? FailoverAt(DateTimeOffset since) => Settings.Failover is { Configured: true } failover ? since + failover.After : null;

    /// <summary>When to resend after this failure, or null to give up (class turned off, or the outage is over its cap).</summary>
    public DateTimeOffset? NextAttempt(TurnFailure failure, int failures, DateTimeOffset since, DateTimeOffset now)
    {
        if (!Settings.Retries(failure.Class))
        {
            return null;
        }

        var next = RetrySchedule.NextAt(failure.Class, failures, now, failure.ResetAt);
        return next - since > Settings.Cap ? null : next;
    }
}
