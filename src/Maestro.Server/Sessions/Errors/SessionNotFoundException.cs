using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Sessions.Errors;

public sealed class SessionNotFoundException : MaestroException
{
    public SessionNotFoundException(string sessionId)
        : base(ErrorCodes.SessionNotFound, ErrorKinds.SessionNotFound, $"No session '{sessionId}'. 'sessions/list' shows the sessions there are.")
    {
    }

    public SessionNotFoundException()
        : this("?")
    {
    }

    public SessionNotFoundException(string message, Exception inner)
        : base(ErrorCodes.SessionNotFound, ErrorKinds.SessionNotFound, message, null, inner)
    {
    }
}
