namespace Maestro.Server.AcpAgent;

/// <summary>
/// A request from the editor that <c>maestro acp</c> refuses, with the ACP error code to answer with and a message
/// the user can act on. Thrown inside the agent and turned into a JSON-RPC error at the edge (<see cref="AcpAgentTarget"/>).
/// </summary>
public sealed class AcpRequestException : Exception
{
    public AcpRequestException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    public int Code { get; }
}
