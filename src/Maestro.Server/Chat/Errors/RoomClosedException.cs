using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Chat.Errors;

public sealed class RoomClosedException : MaestroException
{
    public RoomClosedException(string roomId)
        : base(ErrorCodes.RoomClosed, ErrorKinds.RoomClosed, $"The chat room '{roomId}' is closed; its history stays readable. Create a new room to go on.")
    {
    }

    public RoomClosedException()
        : this("?")
    {
    }

    public RoomClosedException(string message, Exception inner)
        : base(ErrorCodes.RoomClosed, ErrorKinds.RoomClosed, message, null, inner)
    {
    }
}
