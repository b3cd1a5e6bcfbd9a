namespace Maestro.Protocol;

public sealed record HostListResult
{
    public required IReadOnlyList<HostInfo> Hosts { get; init; }
}
