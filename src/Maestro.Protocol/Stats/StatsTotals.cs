namespace Maestro.Protocol;

/// <summary>
/// Usage summed over turns. <see cref="CostUsd"/> counts only turns whose agent reported a cost; turns that used
/// tokens without one are <see cref="UncountedTurns"/> (their tokens are in the token sums, their money nowhere).
/// </summary>
public sealed record StatsTotals
{
    public long Sessions { get; init; }

    public long Turns { get; init; }

    /// <summary>Wall time of the turns, prompt to end.</summary>
    public long RuntimeMs { get; init; }

    /// <summary>Wall time less the time spent waiting out a provider outage or a permission answer.</summary>
    public long BusyMs { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long CacheReadTokens { get; init; }

    public long CacheWriteTokens { get; init; }

    public decimal CostUsd { get; init; }

    /// <summary>Turns that used tokens but whose agent reported no cost.</summary>
    public long UncountedTurns { get; init; }

    /// <summary>Playbook tasks checked off by turns in the window.</summary>
    public long TasksDone { get; init; }
}
