using Maestro.Protocol;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Chat;

public sealed class ChatRpcHandlers : IRpcHandlers
{
    private readonly ChatService chat;

    public ChatRpcHandlers(ChatService chat)
    {
        this.chat = chat;
    }

    [JsonRpcMethod(Methods.ChatCreate)]
    public Task<Room> CreateAsync(ChatCreateParams request, CancellationToken cancellationToken)
        => chat.CreateAsync(request with { Cwd = RequestPath.Absolute(request.Cwd, "cwd") }, cancellationToken);

    [JsonRpcMethod(Methods.ChatList)]
    public async Task<ChatListResult> ListAsync(CancellationToken cancellationToken)
        => new() { Rooms = await chat.ListAsync(cancellationToken) };

    [JsonRpcMethod(Methods.ChatGet)]
    public Task<Room> GetAsync(ChatRoomIdParams request, CancellationToken cancellationToken)
        => chat.GetAsync(request.RoomId, cancellationToken);

    [JsonRpcMethod(Methods.ChatHistory)]
    public Task<ChatHistoryResult> HistoryAsync(ChatHistoryParams request, CancellationToken cancellationToken)
        => chat.HistoryAsync(request.RoomId, request.AfterSeq, request.Limit, cancellationToken);

    [JsonRpcMethod(Methods.ChatPost)]
    public async Task<ChatPostResult> PostAsync(ChatPostParams request, CancellationToken cancellationToken)
    {
        var message = await chat.PostAsync(request.RoomId, request.Text, cancellationToken);
        return new ChatPostResult { MessageId = message.Id, Seq = message.Seq };
    }

    [JsonRpcMethod(Methods.ChatCancel)]
    public async Task<object?> CancelAsync(ChatRoomIdParams request, CancellationToken cancellationToken)
    {
        await chat.CancelAsync(request.RoomId, cancellationToken);
        return null;
    }

    [JsonRpcMethod(Methods.ChatAddParticipant)]
    public Task<Room> AddParticipantAsync(ChatAddParticipantParams request, CancellationToken cancellationToken)
        => chat.AddParticipantAsync(request.RoomId, request.Participant, cancellationToken);

    [JsonRpcMethod(Methods.ChatRemoveParticipant)]
    public Task<Room> RemoveParticipantAsync(ChatRemoveParticipantParams request, CancellationToken cancellationToken)
        => chat.RemoveParticipantAsync(request.RoomId, request.Alias, cancellationToken);

    [JsonRpcMethod(Methods.ChatClose)]
    public async Task<object?> CloseAsync(ChatRoomIdParams request, CancellationToken cancellationToken)
    {
        await chat.CloseAsync(request.RoomId, cancellationToken);
        return null;
    }
}
