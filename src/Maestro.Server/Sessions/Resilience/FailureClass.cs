namespace Maestro.Server.Sessions.Resilience;

/// <summary>What Maestro does about a failed turn.</summary>
public enum FailureClass
{
    /// <summary>The provider is down, overloaded or rate limiting: back off and resend.</summary>
    Availability,

    /// <summary>The account's usage or quota is spent: probe until it returns, and at the reset moment.</summary>
    Quota,

    /// <summary>Resending cannot help (bad credentials, a full context, a crash, a cancel): the turn fails as before.</summary>
    NeverRetry,
}
