namespace Maestro.Protocol;

public sealed record GitStatusParams
{
    public required string Cwd { get; init; }
}
