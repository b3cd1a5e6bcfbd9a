using Maestro.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Maestro.Server.Errors;

/// <summary>Builds JSON-RPC error messages for the cases the RPC edge answers before any handler runs.</summary>
internal static class ErrorResponses
{
    public static JsonRpcError Create(IJsonRpcMessageFormatter formatter, RequestId id, int code, string message, ErrorData data)
    {
        var error = formatter is IJsonRpcMessageFactory factory ? factory.CreateErrorMessage() : new JsonRpcError();
        error.RequestId = id;
        error.Error = new JsonRpcError.ErrorDetail
        {
            Code = (JsonRpcErrorCode)code,
            Message = message,
            Data = data,
        };
        return error;
    }

    public static JsonRpcError From(IJsonRpcMessageFormatter formatter, RequestId id, MaestroException exception)
        => Create(formatter, id, exception.Code, exception.Message, exception.Data);
}
