using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Maestro.Server.Agents.Acp;

/// <summary>
/// The JSON-RPC connection to an ACP agent. An error Maestro answers the agent with carries a plain message and no
/// .NET exception (type, stack trace, inner exceptions), which StreamJsonRpc would put in the error's data.
/// </summary>
internal sealed class AcpJsonRpc : JsonRpc
{
    public AcpJsonRpc(IJsonRpcMessageHandler handler)
        : base(handler)
    {
    }

    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        var local = exception as LocalRpcException;
        return new JsonRpcError.ErrorDetail
        {
            Code = local is null ? JsonRpcErrorCode.InternalError : (JsonRpcErrorCode)local.ErrorCode,
            Message = exception.Message,
            Data = local?.ErrorData,
        };
    }
}
