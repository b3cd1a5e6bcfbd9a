namespace Maestro.Protocol;

public sealed record GitBranchesParams
{
    public required string Cwd { get; init; }
}
