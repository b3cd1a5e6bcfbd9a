using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Hosts.Errors;

/// <summary>No host of that name (-32024).</summary>
public sealed class HostNotFoundException : MaestroException
{
    public HostNotFoundException(string message)
        : base(ErrorCodes.HostNotFound, ErrorKinds.HostNotFound, message)
    {
    }

    public HostNotFoundException()
        : this("No such host.")
    {
    }

    public HostNotFoundException(string message, Exception inner)
        : base(ErrorCodes.HostNotFound, ErrorKinds.HostNotFound, message, null, inner)
    {
    }
}
