namespace Maestro.Protocol;

public sealed record ReviewChangesParams
{
    public required string Cwd { get; init; }

    public IReadOnlyList<string>? Paths { get; init; }
}
