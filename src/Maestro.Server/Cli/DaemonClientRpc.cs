using Maestro.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Maestro.Server.Cli;

/// <summary>The CLI's JSON-RPC connection to the daemon: reads an error's <c>data</c> as the protocol's
/// <see cref="ErrorData"/>, so a refused request's kind reaches <c>--json</c> error output.</summary>
internal sealed class DaemonClientRpc(IJsonRpcMessageHandler handler) : JsonRpc(handler)
{
    protected override Type GetErrorDetailsDataType(JsonRpcError error) => typeof(ErrorData);
}
