namespace Maestro.Protocol;

/// <summary>
/// Why a run waits: the outage its current task's session is in (that session's <c>outage</c> event has the detail).
/// Waiting uses up none of the task's retries; it counts against <c>budget.maxMinutes</c> only.
/// </summary>
public sealed record RunWait
{
    public required string SessionId { get; init; }

    public required OutageClass Class { get; init; }

    /// <summary>What the agent said about the failure, secrets removed.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset Since { get; init; }

    /// <summary>When the prompt is resent next.</summary>
    public DateTimeOffset? NextAt { get; init; }

    /// <summary>When the provider said its limit resets, when it named one.</summary>
    public DateTimeOffset? ResetAt { get; init; }

    /// <summary>How many times the prompt was sent and failed so far in this outage.</summary>
    public required int Attempts { get; init; }
}
