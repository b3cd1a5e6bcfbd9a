namespace Maestro.Protocol;

/// <summary>
/// One provider outage a turn ran into. It is stored once and then revised in place: every update of the same
/// <see cref="OutageId"/> is sent again under the seq of the first (clients replace the event they hold at that seq),
/// so a night of retries is one card, not a wall of errors.
/// </summary>
public sealed record OutageEvent : SessionEvent
{
    public required string OutageId { get; init; }

    /// <summary>The turn whose prompt is being resent.</summary>
    public required string TurnId { get; init; }

    public required OutageClass Class { get; init; }

    public required OutageState State { get; init; }

    /// <summary>How many times the prompt was sent and failed this way so far (the first send counts).</summary>
    public required int Attempts { get; init; }

    /// <summary>When the first failure of the outage was seen.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>When the prompt is resent next; null once the outage is closed.</summary>
    public DateTimeOffset? NextAt { get; init; }

    /// <summary>The moment the provider said its limit resets, when it named one.</summary>
    public DateTimeOffset? ResetAt { get; init; }

    /// <summary>What the agent said about the failure (its last error), secrets removed.</summary>
    public required string Reason { get; init; }

    /// <summary>When the outage closed (recovered or stopped): with <see cref="Since"/>, the downtime it covered.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Why the outage was stopped (state <c>stopped</c>).</summary>
    public string? StoppedBecause { get; init; }

    /// <summary>
    /// When the outage lasted long enough for the agent's failover: what the prompt was resent to from then on (a
    /// model, a backup endpoint's variable names). Null when it was not failed over.
    /// </summary>
    public string? FailedOverTo { get; init; }

    /// <summary>When the prompt first went to the backup.</summary>
    public DateTimeOffset? FailedOverAt { get; init; }
}
