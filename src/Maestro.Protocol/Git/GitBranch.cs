namespace Maestro.Protocol;

public sealed record GitBranch
{
    public required string Name { get; init; }

    public required string Sha { get; init; }

    public bool IsHead { get; init; }

    public string? Upstream { get; init; }
}
