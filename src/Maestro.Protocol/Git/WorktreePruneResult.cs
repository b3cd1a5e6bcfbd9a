namespace Maestro.Protocol;

public sealed record WorktreePruneResult
{
    public required IReadOnlyList<string> Pruned { get; init; }
}
