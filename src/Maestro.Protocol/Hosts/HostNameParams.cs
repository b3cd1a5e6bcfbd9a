namespace Maestro.Protocol;

public sealed record HostNameParams
{
    public required string Name { get; init; }
}
