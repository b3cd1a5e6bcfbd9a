using Maestro.Protocol;

namespace Maestro.Server.Errors;

/// <summary>
/// An error a user can act on. The RPC edge turns it into a JSON-RPC error with <see cref="Code"/>,
/// the message as is, and <see cref="Data"/>; the CLI prints the message.
/// </summary>
public class MaestroException : Exception
{
    public MaestroException(int code, string kind, string message, ErrorData? data = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Data = data ?? new ErrorData { Kind = kind };
    }

    public MaestroException()
        : this(ErrorCodes.InternalError, ErrorKinds.InternalError, "Internal error.")
    {
    }

    public MaestroException(string message)
        : this(ErrorCodes.InternalError, ErrorKinds.InternalError, message)
    {
    }

    public MaestroException(string message, Exception inner)
        : this(ErrorCodes.InternalError, ErrorKinds.InternalError, message, null, inner)
    {
    }

    public int Code { get; }

    public new ErrorData Data { get; }

    public string Kind => Data.Kind;
}
