using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Sessions.Errors;

/// <summary>A prompt to a closed session: Busy, since the session will not take work again.</summary>
public sealed class SessionClosedException : MaestroException
{
    public SessionClosedException(string sessionId)
        : base(ErrorCodes.Busy, ErrorKinds.Busy, $"Session '{sessionId}' is closed; create a new session or import it again to go on.")
    {
    }

    public SessionClosedException()
        : this("?")
    {
    }

    public SessionClosedException(string message, Exception inner)
        : base(ErrorCodes.Busy, ErrorKinds.Busy, message, null, inner)
    {
    }
}
