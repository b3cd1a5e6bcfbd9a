namespace Maestro.Protocol;

public sealed record ReviewAcceptResult
{
    public required int Accepted { get; init; }
}
