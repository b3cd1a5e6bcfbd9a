namespace Maestro.Protocol;

public sealed record SessionDiscoverParams
{
    public string? Cwd { get; init; }
}
