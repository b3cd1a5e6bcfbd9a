using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Hosts.Errors;

/// <summary>ssh refused the host's key: unknown or changed. Maestro never turns host key checking off; the message says how to trust the key (-32026).</summary>
public sealed class HostKeyRejectedException : MaestroException
{
    public HostKeyRejectedException(string message)
        : base(ErrorCodes.HostKeyRejected, ErrorKinds.HostKeyRejected, message)
    {
    }

    public HostKeyRejectedException()
        : this("ssh refused the host's key.")
    {
    }

    public HostKeyRejectedException(string message, Exception inner)
        : base(ErrorCodes.HostKeyRejected, ErrorKinds.HostKeyRejected, message, null, inner)
    {
    }
}
