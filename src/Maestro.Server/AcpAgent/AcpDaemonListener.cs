using Maestro.Protocol;
using StreamJsonRpc;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// What the daemon sends <c>maestro acp</c>: every session's events (those of the sessions this process holds go to the
/// editor) and permission requests, which the daemon sends to every client that answers permissions. A request about a
/// session this process does not hold is declined with an error, so another client, or the session's mode, decides.
/// </summary>
internal sealed class AcpDaemonListener
{
    private readonly AcpAgentSessions sessions;

    public AcpDaemonListener(AcpAgentSessions sessions)
    {
        this.sessions = sessions;
    }

    [JsonRpcMethod(Methods.SessionsEvent)]
    public void OnEvent(SessionEventNotification notification) => sessions.Find(notification.SessionId)?.Enqueue(notification);

    /// <summary>Every run's progress: the session whose <c>/playbook</c> started the run turns it into its plan.</summary>
    [JsonRpcMethod(Methods.RunsProgress)]
    public void OnRunProgress(RunProgressNotification notification)
    {
        foreach (var session in sessions.All)
        {
            session.Run?.Offer(notification);
        }
    }

    /// <summary>A room's message: the sessions that <c>/room</c> attached to that room show it.</summary>
    [JsonRpcMethod(Methods.ChatMessage)]
    public void OnChatMessage(ChatMessageNotification notification)
    {
        foreach (var room in Rooms(notification.RoomId))
        {
            _ = DeliverAsync(room, notification.Message);
        }
    }

    [JsonRpcMethod(Methods.ChatChanged)]
    public void OnChatChanged(ChatChangedNotification notification)
    {
        foreach (var room in Rooms(notification.Room.Id))
        {
            room.Changed(notification.Room);
        }
    }

    [JsonRpcMethod(Methods.PermissionsRequest)]
    public Task<PermissionResponse> OnPermissionRequestAsync(PermissionRequestParams request, CancellationToken cancellationToken)
        => sessions.Find(request.SessionId) is { } session
            ? session.RequestPermissionAsync(request, cancellationToken)
            : throw new LocalRpcException($"Session {request.SessionId} is not open in this ACP editor.") { ErrorCode = ErrorCodes.SessionNotFound };

    private IEnumerable<AcpChatRoom> Rooms(string roomId)
        => sessions.All.Select(s => s.Room).OfType<AcpChatRoom>().Where(r => r.Id == roomId);

    private static async Task DeliverAsync(AcpChatRoom room, ChatMessage message)
    {
        try
        {
            await room.OfferAsync(message);
        }
        catch (Exception ex) when (ex is RemoteInvocationException or ConnectionLostException or ObjectDisposedException)
        {
            // The editor or the daemon went away; the prompt waiting on the room ends with the connection.
        }
    }
}
