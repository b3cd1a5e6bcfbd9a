namespace Maestro.Protocol;

public sealed record SessionDiscoverResult
{
    public required IReadOnlyList<DiscoveredSession> Found { get; init; }
}
