using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Remote;

/// <summary>TunnelUnavailable (-32029): cloudflared is not installed, or gave no public address in time.</summary>
public sealed class TunnelUnavailableException : MaestroException
{
    public TunnelUnavailableException(string message)
        : base(ErrorCodes.TunnelUnavailable, ErrorKinds.TunnelUnavailable, message)
    {
    }

    public TunnelUnavailableException()
        : this("The cloudflared tunnel is not available.")
    {
    }

    public TunnelUnavailableException(string message, Exception inner)
        : base(ErrorCodes.TunnelUnavailable, ErrorKinds.TunnelUnavailable, message, null, inner)
    {
    }
}
