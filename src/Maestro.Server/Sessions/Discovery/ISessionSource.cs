using Maestro.Protocol;

namespace Maestro.Server.Sessions.Discovery;

/// <summary>Where one agent keeps its conversations.</summary>
public interface ISessionSource
{
    string AgentId { get; }

    Task<IReadOnlyList<DiscoveredSession>> DiscoverAsync(string? cwd, CancellationToken cancellationToken);

    Task<ImportedTranscript?> LoadAsync(string agentSessionId, CancellationToken cancellationToken);
}
