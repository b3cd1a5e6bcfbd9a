using Maestro.Protocol;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// Records (or checks, see <see cref="ExchangeStore"/>) chat/* and its notifications, with the Claude Code STAND-IN
/// script as the participants' agent (its reply is its result line, "Done.").
/// </summary>
public sealed class ChatExchangeTests : IAsyncLifetime
{
    private ExchangeSandbox sandbox = null!;

    public Task InitializeAsync()
    {
        sandbox = ExchangeSandbox.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task Create_list_get_post_history_participants_cancel_close_and_errors()
    {
        await using var client = await sandbox.ConnectAsync();
        var created = await client.RecordAsync(Methods.ChatCreate, new ChatCreateParams
        {
            Name = "Design review",
            Cwd = sandbox.Repo,
            Participants = [new ChatParticipantSpec { Alias = "planner", AgentId = "claude-code" }, new ChatParticipantSpec { Alias = "reviewer", AgentId = "claude-code" }],
            MaxRounds = 4,
        });
        var roomId = (string)created["result"]!["id"]!;
        await client.RecordAsync(Methods.ChatList);
        await client.RecordAsync(Methods.ChatGet, new ChatRoomIdParams { RoomId = roomId });

        await client.RecordAsync(Methods.ChatPost, new ChatPostParams { RoomId = roomId, Text = "@planner what would you change first?" });
        Exchange.RecordMessage(await client.NotificationAsync(Methods.ChatMessage, p => (string?)p["message"]!["author"] == "user"));
        Exchange.RecordMessage(await client.NotificationAsync(Methods.ChatChanged, p => ((System.Text.Json.Nodes.JsonArray)p["room"]!["working"]!).Count > 0));
        await client.NotificationAsync(Methods.ChatMessage, p => (string?)p["message"]!["author"] != "user");
        await client.NotificationAsync(Methods.ChatChanged, p => (string?)p["room"]!["state"] == "idle");
        await client.RecordAsync(Methods.ChatHistory, new ChatHistoryParams { RoomId = roomId, AfterSeq = 0, Limit = 100 });

        await client.RecordAsync(Methods.ChatAddParticipant, new ChatAddParticipantParams { RoomId = roomId, Participant = new ChatParticipantSpec { Alias = "tester", AgentId = "claude-code" } });
        await client.RecordAsync(Methods.ChatRemoveParticipant, new ChatRemoveParticipantParams { RoomId = roomId, Alias = "tester" });
        await client.RecordAsync(Methods.ChatCancel, new ChatRoomIdParams { RoomId = roomId });

        await client.RecordErrorAsync(Methods.ChatPost, new ChatPostParams { RoomId = roomId, Text = "@nobody hello" }, ErrorCodes.InvalidParams, ErrorKinds.InvalidParams);
        await client.RecordErrorAsync(Methods.ChatGet, new ChatRoomIdParams { RoomId = "c_000000000000" }, ErrorCodes.RoomNotFound, ErrorKinds.RoomNotFound);
        await client.RecordAsync(Methods.ChatClose, new ChatRoomIdParams { RoomId = roomId });
        await client.RecordErrorAsync(Methods.ChatPost, new ChatPostParams { RoomId = roomId, Text = "@planner hello" }, ErrorCodes.RoomClosed, ErrorKinds.RoomClosed);
    }
}
