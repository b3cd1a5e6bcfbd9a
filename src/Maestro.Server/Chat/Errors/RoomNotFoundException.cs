using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Chat.Errors;

public sealed class RoomNotFoundException : MaestroException
{
    public RoomNotFoundException(string roomId)
        : base(ErrorCodes.RoomNotFound, ErrorKinds.RoomNotFound, $"No chat room '{roomId}'. 'chat/list' shows the rooms there are.")
    {
    }

    public RoomNotFoundException()
        : this("?")
    {
    }

    public RoomNotFoundException(string message, Exception inner)
        : base(ErrorCodes.RoomNotFound, ErrorKinds.RoomNotFound, message, null, inner)
    {
    }
}
