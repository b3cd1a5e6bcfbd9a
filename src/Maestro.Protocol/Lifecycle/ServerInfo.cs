namespace Maestro.Protocol;

public sealed record ServerInfo
{
    public required string Name { get; init; }

    public required string Version { get; init; }
}
