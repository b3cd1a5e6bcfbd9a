namespace Maestro.Protocol;

/// <summary><c>sessions/output</c>: the recent stderr of a session's agent, as the daemon keeps it (in memory).</summary>
public sealed record SessionOutputParams
{
    public required string SessionId { get; init; }

    /// <summary>Lines with a seq above this one; every kept line when absent.</summary>
    public long? AfterSeq { get; init; }
}
