using Maestro.Protocol;
using Maestro.Server.Errors;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Maestro.Server.Rpc;

/// <summary>The JSON-RPC connection: maps typed exceptions to the protocol's error codes at the edge.</summary>
internal sealed class MaestroJsonRpc : JsonRpc
{
    private readonly ILogger logger;

    public MaestroJsonRpc(IJsonRpcMessageHandler handler, ILogger logger)
        : base(handler)
    {
        this.logger = logger;
    }

    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        switch (exception)
        {
            case MaestroException maestro:
                return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)maestro.Code, Message = maestro.Message, Data = maestro.Data };

            case System.Text.Json.JsonException or ArgumentException:
                return new JsonRpcError.ErrorDetail
                {
                    Code = JsonRpcErrorCode.InvalidParams,
                    Message = $"Invalid params for '{request.Method}': {exception.Message}",
                    Data = new ErrorData { Kind = ErrorKinds.InvalidParams, Method = request.Method },
                };

            default:
                logger.LogError(exception, "Unexpected failure in {Method}", request.Method);
                return new JsonRpcError.ErrorDetail
                {
                    Code = JsonRpcErrorCode.InternalError,
                    Message = $"Internal error in '{request.Method}': {exception.Message}. The server log under $MAESTRO_HOME/logs has the details.",
                    Data = new ErrorData { Kind = ErrorKinds.InternalError, Method = request.Method },
                };
        }
    }
}
