namespace Maestro.Protocol;

public sealed record ReviewRejectResult
{
    public required int Rejected { get; init; }
}
