namespace Maestro.Protocol;

public sealed record ChatPostResult
{
    public required string MessageId { get; init; }
}
