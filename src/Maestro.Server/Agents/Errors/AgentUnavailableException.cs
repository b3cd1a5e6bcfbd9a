using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Agents.Errors;

public sealed class AgentUnavailableException : MaestroException
{
    public AgentUnavailableException(string message)
        : base(ErrorCodes.AgentUnavailable, ErrorKinds.AgentUnavailable, message)
    {
    }

    public AgentUnavailableException()
        : this("The agent is not available.")
    {
    }

    public AgentUnavailableException(string message, Exception inner)
        : base(ErrorCodes.AgentUnavailable, ErrorKinds.AgentUnavailable, message, null, inner)
    {
    }
}
