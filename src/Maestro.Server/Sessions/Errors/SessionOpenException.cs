using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Sessions.Errors;

/// <summary>Deleting a session that is still open: Busy, since its agent may still be working or be prompted.</summary>
public sealed class SessionOpenException : MaestroException
{
    public SessionOpenException(string sessionId, SessionStatus status)
        : base(ErrorCodes.Busy, ErrorKinds.Busy, $"Session '{sessionId}' is still open ({status.ToString().ToLowerInvariant()}); close it first, or delete it with force, which closes it.")
    {
    }

    public SessionOpenException()
        : this("?", SessionStatus.Idle)
    {
    }

    public SessionOpenException(string message, Exception inner)
        : base(ErrorCodes.Busy, ErrorKinds.Busy, message, null, inner)
    {
    }
}
