using Maestro.Protocol;
using Maestro.Server.Errors;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Maestro.Server.Rpc;

/// <summary>
/// The JSON-RPC connection: maps typed exceptions to the protocol's error codes at the edge, and sends each response
/// only after the notifications queued for this client before it (events first, then the prompt's answer).
/// </summary>
internal sealed class MaestroJsonRpc : JsonRpc
{
    private readonly ClientOutbox outbox;
    private readonly ILogger logger;

    public MaestroJsonRpc(IJsonRpcMessageHandler handler, ClientOutbox outbox, ILogger logger)
        : base(handler)
    {
        this.outbox = outbox;
        this.logger = logger;
    }

    protected override async ValueTask<JsonRpcMessage> DispatchRequestAsync(JsonRpcRequest request, TargetMethod targetMethod, CancellationToken cancellationToken)
    {
        var response = await base.DispatchRequestAsync(request, targetMethod, cancellationToken);
        if (!request.IsNotification)
        {
            await outbox.DrainAsync(CancellationToken.None);
        }

        return response;
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
