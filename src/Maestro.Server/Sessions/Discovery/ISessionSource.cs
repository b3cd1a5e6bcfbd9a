using Maestro.Protocol;

namespace Maestro.Server.Sessions.Discovery;

/// <summary>Where one agent keeps its conversations on disk.</summary>
public interface ISessionSource
{
    string AgentId { get; }

    IEnumerable<DiscoveredSession> Discover(string? cwd);

    ImportedTranscript? Load(string agentSessionId);
}
