using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Sessions.Errors;

/// <summary>Reconfiguring a session while a turn runs or waits: Busy, since that turn was started with the old settings.</summary>
public sealed class TurnRunningException : MaestroException
{
    public TurnRunningException(string sessionId)
        : base(ErrorCodes.Busy, ErrorKinds.Busy, $"Session '{sessionId}' is running a turn; wait for it to end, or cancel it (sessions/cancel), then change its agent, model or permission mode.")
    {
    }

    public TurnRunningException()
        : this("?")
    {
    }

    public TurnRunningException(string message, Exception inner)
        : base(ErrorCodes.Busy, ErrorKinds.Busy, message, null, inner)
    {
    }
}
