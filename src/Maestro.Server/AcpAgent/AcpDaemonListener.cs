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

    [JsonRpcMethod(Methods.PermissionsRequest)]
    public Task<PermissionResponse> OnPermissionRequestAsync(PermissionRequestParams request, CancellationToken cancellationToken)
        => sessions.Find(request.SessionId) is { } session
            ? session.RequestPermissionAsync(request, cancellationToken)
            : throw new LocalRpcException($"Session {request.SessionId} is not open in this ACP editor.") { ErrorCode = ErrorCodes.SessionNotFound };
}
