namespace Maestro.Server.AcpAgent;

/// <summary>The error codes of the ACP schema (<c>ErrorCode</c>) that <c>maestro acp</c> answers an editor with.</summary>
internal static class AcpErrorCodes
{
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>ACP's "resource not found": an unknown session id.</summary>
    public const int ResourceNotFound = -32002;

    /// <summary>ACP's "authentication required": the backend cannot run until it is installed and signed in.</summary>
    public const int AuthRequired = -32000;
}
