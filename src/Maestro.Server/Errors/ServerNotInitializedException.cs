using Maestro.Protocol;

namespace Maestro.Server.Errors;

public sealed class ServerNotInitializedException : MaestroException
{
    public ServerNotInitializedException(string method)
        : base(
            ErrorCodes.ServerNotInitialized,
            ErrorKinds.ServerNotInitialized,
            $"'{method}' was sent before 'initialize'. Send 'initialize' first and wait for its response.",
            new ErrorData { Kind = ErrorKinds.ServerNotInitialized, Method = method })
    {
    }

    public ServerNotInitializedException()
        : this("?")
    {
    }

    public ServerNotInitializedException(string message, Exception inner)
        : base(ErrorCodes.ServerNotInitialized, ErrorKinds.ServerNotInitialized, message, null, inner)
    {
    }
}
