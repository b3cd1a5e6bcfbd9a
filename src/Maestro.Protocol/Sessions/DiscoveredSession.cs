namespace Maestro.Protocol;

/// <summary>A conversation an agent CLI keeps on disk that Maestro can import.</summary>
public sealed record DiscoveredSession
{
    public required string AgentId { get; init; }

    public required string AgentSessionId { get; init; }

    public required string Cwd { get; init; }

    public required string Title { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
