namespace Maestro.Server.Sessions.Resilience;

/// <summary>How a wait between resends ended.</summary>
public enum RetryWaitEnd
{
    /// <summary>The scheduled moment came.</summary>
    Due,

    /// <summary>Someone asked to try now (<c>sessions/retryNow</c>).</summary>
    TryNow,

    /// <summary>A new prompt arrived: it takes over from the one being resent.</summary>
    TakenOver,
}
