namespace Maestro.Protocol;

public sealed record ChatPostResult
{
    public required string MessageId { get; init; }

    public required long Seq { get; init; }
}
