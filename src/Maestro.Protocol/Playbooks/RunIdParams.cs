namespace Maestro.Protocol;

public sealed record RunIdParams
{
    public required string RunId { get; init; }
}
