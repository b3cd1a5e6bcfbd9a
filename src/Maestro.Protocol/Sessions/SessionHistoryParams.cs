namespace Maestro.Protocol;

public sealed record SessionHistoryParams
{
    public required string SessionId { get; init; }

    /// <summary>Events with a seq above this one; from the start when absent.</summary>
    public long? AfterSeq { get; init; }

    public int? Limit { get; init; }
}
