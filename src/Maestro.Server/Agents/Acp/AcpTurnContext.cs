using System.Text.Json;
using System.Threading.Channels;
using Maestro.Protocol;
using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.Acp;

/// <summary>What the client side of an ACP connection needs while a prompt runs: where updates go, and the session's rules.</summary>
internal sealed class AcpTurnContext
{
    public AcpTurnContext(AgentTurn turn, string sessionId)
    {
        Turn = turn;
        MaestroSessionId = sessionId;
        Translator = new AcpUpdateTranslator(turn.WorkingDirectory);
        Workspace = new AcpWorkspace(turn.WorkingDirectory);
    }

    public AgentTurn Turn { get; }

    public string MaestroSessionId { get; }

    public AcpUpdateTranslator Translator { get; }

    public AcpWorkspace Workspace { get; }

    /// <summary>
    /// Updates in arrival order; one reader translates and emits them. Not created single-reader: that channel cannot
    /// count, and the line filter holds the agent back by the count.
    /// </summary>
    public Channel<JsonElement> Updates { get; } = Channel.CreateUnbounded<JsonElement>();

    /// <summary>Events produced outside the update stream (permission answers, fs writes), emitted in order with it.</summary>
    public Channel<SessionEvent> Extra { get; } = Channel.CreateUnbounded<SessionEvent>();
}
