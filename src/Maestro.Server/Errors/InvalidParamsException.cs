using Maestro.Protocol;

namespace Maestro.Server.Errors;

/// <summary>Params that parse but make no sense: a missing field, a negative limit, an unknown id format.</summary>
public sealed class InvalidParamsException : MaestroException
{
    public InvalidParamsException(string message)
        : base(ErrorCodes.InvalidParams, ErrorKinds.InvalidParams, message)
    {
    }

    public InvalidParamsException()
        : this("Invalid params.")
    {
    }

    public InvalidParamsException(string message, Exception inner)
        : base(ErrorCodes.InvalidParams, ErrorKinds.InvalidParams, message, null, inner)
    {
    }
}
