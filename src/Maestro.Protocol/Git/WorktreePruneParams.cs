namespace Maestro.Protocol;

public sealed record WorktreePruneParams
{
    public required string Repo { get; init; }
}
