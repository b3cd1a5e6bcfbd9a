using Maestro.Protocol;
using Maestro.Server.Agents.Running;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>Passes a turn's events on and keeps the text of its last assistant message, for the limit-banner check.</summary>
internal sealed class LastAssistantMessageSink(ITurnSink inner) : ITurnSink
{
    public string? LastAssistantMessage { get; private set; }

    public ValueTask EmitAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        if (sessionEvent is MessageEvent { Role: "assistant" } message)
        {
            LastAssistantMessage = message.Text;
        }

        return inner.EmitAsync(sessionEvent, cancellationToken);
    }

    public ValueTask SetAgentSessionIdAsync(string agentSessionId, CancellationToken cancellationToken) => inner.SetAgentSessionIdAsync(agentSessionId, cancellationToken);
}
