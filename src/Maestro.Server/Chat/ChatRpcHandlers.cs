using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Chat;

/// <summary>
/// <c>chat/*</c>. A room on a host (<c>chat/create {host}</c>, or listed from one) is the host's: its requests go
/// there and come back with <c>host</c> set; <c>chat/list</c> adds the rooms of the hosts connected at the time.
/// </summary>
public sealed class ChatRpcHandlers : IRpcHandlers
{
    private readonly ChatService chat;
    private readonly HostConnections hosts;

    public ChatRpcHandlers(ChatService chat, HostConnections hosts)
    {
        this.chat = chat;
        this.hosts = hosts;
    }

    [JsonRpcMethod(Methods.ChatCreate)]
    public Task<Room> CreateAsync(ChatCreateParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? hosts.CreateRoomAsync(host, request, cancellationToken)
            : chat.CreateAsync(request with { Cwd = RequestPath.Absolute(request.Cwd, "cwd") }, cancellationToken);

    [JsonRpcMethod(Methods.ChatList)]
    public async Task<ChatListResult> ListAsync(CancellationToken cancellationToken)
    {
        var local = await chat.ListAsync(cancellationToken);
        var remote = await hosts.ListRoomsAsync(cancellationToken);
        return new() { Rooms = remote.Count == 0 ? local : [.. local, .. remote] };
    }

    [JsonRpcMethod(Methods.ChatGet)]
    public Task<Room> GetAsync(ChatRoomIdParams request, CancellationToken cancellationToken)
        => hosts.HostOfRoom(request.RoomId) is { } host
            ? hosts.ForwardToHostAsync<Room>(host, Methods.ChatGet, request, cancellationToken)
            : chat.GetAsync(request.RoomId, cancellationToken);

    [JsonRpcMethod(Methods.ChatHistory)]
    public Task<ChatHistoryResult> HistoryAsync(ChatHistoryParams request, CancellationToken cancellationToken)
        => hosts.HostOfRoom(request.RoomId) is { } host
            ? hosts.ForwardToHostAsync<ChatHistoryResult>(host, Methods.ChatHistory, request, cancellationToken)
            : chat.HistoryAsync(request.RoomId, request.AfterSeq, request.Limit, cancellationToken);

    [JsonRpcMethod(Methods.ChatPost)]
    public async Task<ChatPostResult> PostAsync(ChatPostParams request, CancellationToken cancellationToken)
    {
        if (hosts.HostOfRoom(request.RoomId) is { } host)
        {
            return await hosts.ForwardToHostAsync<ChatPostResult>(host, Methods.ChatPost, request, cancellationToken);
        }

        var message = await chat.PostAsync(request.RoomId, request.Text, cancellationToken);
        return new ChatPostResult { MessageId = message.Id, Seq = message.Seq };
    }

    [JsonRpcMethod(Methods.ChatCancel)]
    public async Task<object?> CancelAsync(ChatRoomIdParams request, CancellationToken cancellationToken)
    {
        if (hosts.HostOfRoom(request.RoomId) is { } host)
        {
            return await hosts.ForwardToHostAsync<object?>(host, Methods.ChatCancel, request, cancellationToken);
        }

        await chat.CancelAsync(request.RoomId, cancellationToken);
        return null;
    }

    [JsonRpcMethod(Methods.ChatAddParticipant)]
    public Task<Room> AddParticipantAsync(ChatAddParticipantParams request, CancellationToken cancellationToken)
        => hosts.HostOfRoom(request.RoomId) is { } host
            ? hosts.ForwardToHostAsync<Room>(host, Methods.ChatAddParticipant, request, cancellationToken)
            : chat.AddParticipantAsync(request.RoomId, request.Participant, cancellationToken);

    [JsonRpcMethod(Methods.ChatRemoveParticipant)]
    public Task<Room> RemoveParticipantAsync(ChatRemoveParticipantParams request, CancellationToken cancellationToken)
        => hosts.HostOfRoom(request.RoomId) is { } host
            ? hosts.ForwardToHostAsync<Room>(host, Methods.ChatRemoveParticipant, request, cancellationToken)
            : chat.RemoveParticipantAsync(request.RoomId, request.Alias, cancellationToken);

    [JsonRpcMethod(Methods.ChatClose)]
    public async Task<object?> CloseAsync(ChatRoomIdParams request, CancellationToken cancellationToken)
    {
        if (hosts.HostOfRoom(request.RoomId) is { } host)
        {
            return await hosts.ForwardToHostAsync<object?>(host, Methods.ChatClose, request, cancellationToken);
        }

        await chat.CloseAsync(request.RoomId, cancellationToken);
        return null;
    }
}
