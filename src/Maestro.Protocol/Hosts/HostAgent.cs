namespace Maestro.Protocol;

/// <summary>An agent whose command is on a host's PATH.</summary>
public sealed record HostAgent
{
    /// <summary>The agent's id, as in <c>agents/list</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Its command's path on the host.</summary>
    public required string Path { get; init; }
}
