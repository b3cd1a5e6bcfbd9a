using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Chat;

/// <summary>A MAESTRO_HOME whose claude-code is the chat STAND-IN script (<see cref="ChatStandIn"/>), and a folder for the room.</summary>
internal sealed class StandInChatFixture : IAsyncDisposable
{
    private readonly TempDirectory root = new("chat");

    public StandInChatFixture()
    {
        Home = root.Combine("home");
        Cwd = root.Combine("work");
        Agent = root.Combine("agent");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Cwd);
        Directory.CreateDirectory(Agent);
        var standIn = ChatStandIn.Create(Agent);
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = root.Path };
        MaestroAgentSettings.WriteAsync(Home, "claude-code", standIn, env).GetAwaiter().GetResult();
    }

    public string Home { get; }

    public string Cwd { get; }

    /// <summary>The stand-in's folder: its queued replies and the prompts it got.</summary>
    public string Agent { get; }

    public void Queue(string alias, params string[] replies) => ChatStandIn.Queue(Agent, alias, replies);

    public IReadOnlyList<string> Prompts(string alias) => ChatStandIn.Prompts(Agent, alias);

    public Task<Room> CreateAsync(JsonRpc rpc, int? maxRounds = null, bool moderator = false, bool parallel = false, params string[] aliases)
        => rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatCreate, new ChatCreateParams
        {
            Name = "team",
            Cwd = Cwd,
            Participants = aliases.Select(a => new ChatParticipantSpec { Alias = a, AgentId = "claude-code" }).ToList(),
            Moderator = moderator ? new ChatModerator { AgentId = "claude-code" } : null,
            MaxRounds = maxRounds,
            Parallel = parallel,
        });

    /// <summary>Posts and waits until the room is idle again; returns the messages after the post's own.</summary>
    public static async Task<IReadOnlyList<ChatMessage>> PostAndSettleAsync(JsonRpc rpc, string roomId, string text)
    {
        var posted = await rpc.InvokeWithParameterObjectAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = roomId, Text = text });
        await IdleAsync(rpc, roomId);
        var history = await rpc.InvokeWithParameterObjectAsync<ChatHistoryResult>(Methods.ChatHistory, new ChatHistoryParams { RoomId = roomId, AfterSeq = posted.Seq });
        return history.Messages;
    }

    public static Task IdleAsync(JsonRpc rpc, string roomId) => Wait.UntilAsync(
        async () => (await rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatGet, new ChatRoomIdParams { RoomId = roomId })).State == RoomState.Idle,
        TimeSpan.FromSeconds(60),
        "the room to be idle");

    public static async Task<IReadOnlyList<ChatMessage>> HistoryAsync(JsonRpc rpc, string roomId)
        => (await rpc.InvokeWithParameterObjectAsync<ChatHistoryResult>(Methods.ChatHistory, new ChatHistoryParams { RoomId = roomId })).Messages;

    public ValueTask DisposeAsync()
    {
        root.Dispose();
        return ValueTask.CompletedTask;
    }
}
