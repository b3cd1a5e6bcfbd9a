using Maestro.Protocol;
using Maestro.Server.Agents.Permissions;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Hosts;

/// <summary>
/// What a host's daemon sends this one: its sessions' events and changes (relayed to the clients here with
/// <c>host</c> set) and its agents' permission requests, asked of the clients here; when none of them answers, the
/// request is declined with an error and the host's daemon decides by the session's permission mode, as it would
/// with no client at all.
/// </summary>
internal sealed class HostListener
{
    private readonly string host;
    private readonly HostSessionRelay relay;
    private readonly PermissionBroker permissions;
    private readonly ConnectionRegistry clients;
    private readonly Func<Run, Run> runSeen;
    private readonly Func<Room, Room> roomSeen;

    public HostListener(string host, HostSessionRelay relay, PermissionBroker permissions, ConnectionRegistry clients, Func<Run, Run> runSeen, Func<Room, Room> roomSeen)
    {
        this.runSeen = runSeen;
        this.roomSeen = roomSeen;
        this.host = host;
        this.relay = relay;
        this.permissions = permissions;
        this.clients = clients;
    }

    /// <summary>A run of the host progressed: relayed with the run's <c>host</c> set (and remembered, so its requests go there).</summary>
    [JsonRpcMethod(Methods.RunsProgress)]
    public void OnRunProgress(RunProgressNotification notification) => clients.PostToAll(Methods.RunsProgress, notification with { Run = runSeen(notification.Run) });

    /// <summary>A group chat room of the host changed: relayed with the room's <c>host</c> set (and remembered, so its requests go there).</summary>
    [JsonRpcMethod(Methods.ChatChanged)]
    public void OnChatChanged(ChatChangedNotification notification) => clients.PostToAll(Methods.ChatChanged, notification with { Room = roomSeen(notification.Room) });

    /// <summary>A message in a group chat room of the host: relayed with <c>host</c> set.</summary>
    [JsonRpcMethod(Methods.ChatMessage)]
    public void OnChatMessage(ChatMessageNotification notification) => clients.PostToAll(Methods.ChatMessage, notification with { Host = host });

    /// <summary>A reviewed folder of the host changed (its daemon watches the folders its clients review).</summary>
    [JsonRpcMethod(Methods.ReviewChanged)]
    public void OnReviewChanged(ReviewChangedNotification notification) => clients.PostToAll(Methods.ReviewChanged, notification with { Host = host });

    [JsonRpcMethod(Methods.SessionsEvent)]
    public Task OnEventAsync(SessionEventNotification notification) => relay.OfferEventsAsync([notification], CancellationToken.None).AsTask();

    [JsonRpcMethod(Methods.SessionsEvents)]
    public Task OnEventsAsync(SessionEventsNotification notification) => relay.OfferEventsAsync(notification.Events, CancellationToken.None).AsTask();

    [JsonRpcMethod(Methods.SessionsChanged)]
    public Task OnChangedAsync(SessionChangedNotification notification) => relay.OfferChangedAsync(notification, CancellationToken.None).AsTask();

    /// <summary>New stderr lines of a host session's agent: relayed with <c>host</c> set (the host's daemon keeps them).</summary>
    [JsonRpcMethod(Methods.SessionsOutputAppended)]
    public void OnOutputAppended(SessionOutputAppendedNotification notification) => clients.PostToAll(Methods.SessionsOutputAppended, notification with { Host = host });

    [JsonRpcMethod(Methods.PermissionsRequest)]
    public async Task<PermissionResponse> OnPermissionRequestAsync(PermissionRequestParams request, CancellationToken cancellationToken)
        => await permissions.AskClientsAsync(request with { Host = host }, cancellationToken)
            ?? throw new LocalRpcException($"No client of the daemon that relays host '{host}' answered: the session's permission mode decides.") { ErrorCode = ErrorCodes.InvalidRequest };
}
