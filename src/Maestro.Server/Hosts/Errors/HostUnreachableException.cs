using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Hosts.Errors;

/// <summary>ssh could not reach the host: a name that does not resolve, a refused or timed-out connection, ssh missing or failing (-32025).</summary>
public sealed class HostUnreachableException : MaestroException
{
    public HostUnreachableException(string message)
        : base(ErrorCodes.HostUnreachable, ErrorKinds.HostUnreachable, message)
    {
    }

    public HostUnreachableException()
        : this("The host could not be reached over SSH.")
    {
    }

    public HostUnreachableException(string message, Exception inner)
        : base(ErrorCodes.HostUnreachable, ErrorKinds.HostUnreachable, message, null, inner)
    {
    }
}
