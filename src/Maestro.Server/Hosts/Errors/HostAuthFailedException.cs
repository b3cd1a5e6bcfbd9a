using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Hosts.Errors;

/// <summary>The host refused every key ssh offered (Permission denied) (-32027).</summary>
public sealed class HostAuthFailedException : MaestroException
{
    public HostAuthFailedException(string message)
        : base(ErrorCodes.HostAuthFailed, ErrorKinds.HostAuthFailed, message)
    {
    }

    public HostAuthFailedException()
        : this("The host refused the SSH login.")
    {
    }

    public HostAuthFailedException(string message, Exception inner)
        : base(ErrorCodes.HostAuthFailed, ErrorKinds.HostAuthFailed, message, null, inner)
    {
    }
}
