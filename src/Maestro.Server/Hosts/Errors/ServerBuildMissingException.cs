using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Hosts.Errors;

/// <summary>No self-contained maestro for the host's platform on this machine, so hosts/install has nothing to copy (-32028).</summary>
public sealed class ServerBuildMissingException : MaestroException
{
    public ServerBuildMissingException(string message)
        : base(ErrorCodes.ServerBuildMissing, ErrorKinds.ServerBuildMissing, message)
    {
    }

    public ServerBuildMissingException()
        : this("No maestro build for the host's platform.")
    {
    }

    public ServerBuildMissingException(string message, Exception inner)
        : base(ErrorCodes.ServerBuildMissing, ErrorKinds.ServerBuildMissing, message, null, inner)
    {
    }
}
