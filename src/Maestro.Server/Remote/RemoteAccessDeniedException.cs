using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Remote;

/// <summary>Unauthorized (-32018): no valid token yet on a remote socket, or a read-only token asking for control.</summary>
public sealed class RemoteAccessDeniedException : MaestroException
{
    public RemoteAccessDeniedException(string message, string? method = null)
        : base(ErrorCodes.Unauthorized, ErrorKinds.Unauthorized, message, new ErrorData { Kind = ErrorKinds.Unauthorized, Method = method })
    {
    }

    public RemoteAccessDeniedException()
        : this("Not authorized.")
    {
    }

    public RemoteAccessDeniedException(string message, Exception inner)
        : base(ErrorCodes.Unauthorized, ErrorKinds.Unauthorized, message, null, inner)
    {
    }

    /// <summary>The refusal of a control method on a read-only connection.</summary>
    public static RemoteAccessDeniedException ReadOnly(string method)
        => new($"'{method}' needs control, and this remote page was opened with the read-only link. Open the full-control link from 'maestro remote start' to do this.", method);
}
