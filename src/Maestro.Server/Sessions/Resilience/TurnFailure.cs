namespace Maestro.Server.Sessions.Resilience;

/// <summary>A failed turn as a classifier read it: its class, the agent's words for it, and the reset moment it named.</summary>
public sealed record TurnFailure(FailureClass Class, string Reason, DateTimeOffset? ResetAt = null)
{
    public bool Retryable => Class != FailureClass.NeverRetry;
}
