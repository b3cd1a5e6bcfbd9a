using Maestro.Protocol;

namespace Maestro.Server.Agents.Running;

/// <summary>Where an adapter puts what the agent does, as it happens.</summary>
public interface ITurnSink
{
    /// <summary>Stores and broadcasts one normalized event; waits when the store is behind (back-pressure).</summary>
    ValueTask EmitAsync(SessionEvent sessionEvent, CancellationToken cancellationToken);

    /// <summary>Records the agent's own session id, for resuming later turns.</summary>
    ValueTask SetAgentSessionIdAsync(string agentSessionId, CancellationToken cancellationToken);
}
