namespace Maestro.Protocol;

public sealed record ChatHistoryParams
{
    public required string RoomId { get; init; }

    /// <summary>Messages with a seq above this one; from the start when absent.</summary>
    public long? AfterSeq { get; init; }

    public int? Limit { get; init; }
}
