using StreamJsonRpc.Protocol;

namespace Maestro.Server.Rpc;

/// <summary>What the connection does with an incoming message before any handler sees it.</summary>
public readonly record struct GateDecision(GateAction Action, JsonRpcError? Error = null)
{
    public static GateDecision Dispatch { get; } = new(GateAction.Dispatch);

    public static GateDecision Drop { get; } = new(GateAction.Drop);

    public static GateDecision Reply(JsonRpcError error) => new(GateAction.Reply, error);
}
