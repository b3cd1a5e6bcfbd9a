namespace Maestro.Protocol;

public sealed record WorktreeListParams
{
    public required string Repo { get; init; }
}
