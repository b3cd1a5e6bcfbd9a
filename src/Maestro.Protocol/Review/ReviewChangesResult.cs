namespace Maestro.Protocol;

public sealed record ReviewChangesResult
{
    public required IReadOnlyList<ReviewFile> Files { get; init; }
}
