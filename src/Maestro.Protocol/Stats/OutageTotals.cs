namespace Maestro.Protocol;

/// <summary>
/// Provider outages that closed (docs/resilience.md), summed: how many Maestro bridged by resending, how much
/// downtime that covered, and the share of outages that ended with the turn served.
/// </summary>
public sealed record OutageTotals
{
    /// <summary>Outages that closed, recovered or stopped.</summary>
    public long Outages { get; init; }

    /// <summary>Closed as recovered: a resend was served and the turn went on.</summary>
    public long Bridged { get; init; }

    /// <summary>Closed as stopped: cancelled, taken over by a new prompt, over the cap, or a failure not retried.</summary>
    public long Stopped { get; init; }

    /// <summary>Outages whose turn went to the agent's failover backup.</summary>
    public long FailedOver { get; init; }

    /// <summary>The downtime the bridged outages covered: from their first failure to the served resend.</summary>
    public long DowntimeCoveredMs { get; init; }

    /// <summary><see cref="Bridged"/> / <see cref="Outages"/>, from 0 to 1; null when no outage closed.</summary>
    public double? RecoveryRate { get; init; }
}
