namespace Maestro.Protocol;

public sealed record ChatHistoryParams
{
    public required string RoomId { get; init; }

    public long? AfterSeq { get; init; }
}
