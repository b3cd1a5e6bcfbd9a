using Maestro.Protocol;

namespace Maestro.Server.Agents.Running;

/// <summary>Reads one agent CLI's JSON lines, one at a time, into normalized events.</summary>
public interface IAgentStreamParser
{
    /// <summary>The agent's own conversation id, once a line has said it.</summary>
    string? AgentSessionId { get; }

    /// <summary>How the agent said its turn ended; null until it has.</summary>
    TurnOutcome? Outcome { get; }

    /// <summary>Lines that were not JSON, kept for the error report.</summary>
    List<string> Garbage { get; }

    IEnumerable<SessionEvent> Parse(string line);
}
