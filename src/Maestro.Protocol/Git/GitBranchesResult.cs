namespace Maestro.Protocol;

public sealed record GitBranchesResult
{
    public required IReadOnlyList<GitBranch> Branches { get; init; }
}
