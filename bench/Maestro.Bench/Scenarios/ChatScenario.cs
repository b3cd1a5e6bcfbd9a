using System.Diagnostics;
using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Chat;
using Maestro.Server.Storage;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Microsoft.Extensions.DependencyInjection;
using StreamJsonRpc;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// Group chat: what routing adds to a turn (a room turn of the chat STAND-IN, from chat/post to its reply stored,
/// minus a plain sessions/prompt turn of the same stand-in, same run; target ≤ 20 ms), and chat/history's first page
/// of a 100,000-message room (rows inserted straight into chat_messages; target ≤ 50 ms).
/// </summary>
internal sealed class ChatScenario : IBenchScenario
{
    public string Name => "chat";

    public string Description => "routing overhead per chat message; chat/history first page of a 100,000-message room";

    public async Task RunAsync(BenchContext context)
    {
        using var root = new TempDirectory("bench-chat");
        var home = root.Combine("home");
        var agent = root.Combine("agent");
        var work = root.Combine("work");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(agent);
        Directory.CreateDirectory(work);
        var standIn = ChatStandIn.Create(agent);
        await MaestroAgentSettings.WriteAsync(home, "claude-code", standIn, new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = root.Path });
        await using var server = new TestServer(home: home);
        using var rpc = await server.ConnectInitializedAsync("bench");
        var chat = server.Services.GetRequiredService<ChatService>();

        // The stand-in alone: a plain session's turn, through the protocol.
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = work });
        var room = await rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatCreate, new ChatCreateParams
        {
            Name = "bench",
            Cwd = work,
            Participants = [new ChatParticipantSpec { Alias = "a", AgentId = "claude-code" }],
        });
        var runtime = await chat.RoomAsync(room.Id, CancellationToken.None);

        // Warm both paths once, then alternate them so machine noise lands on both alike.
        await PromptAsync(rpc, session.Id, "warm up");
        await RoomTurnAsync(rpc, runtime, "@a warm up");
        var alone = new List<double>();
        var routed = new List<double>();
        for (var i = 0; i < context.Iterations(15); i++)
        {
            alone.Add(await PromptAsync(rpc, session.Id, "turn " + i.ToString(CultureInfo.InvariantCulture)));
            routed.Add(await RoomTurnAsync(rpc, runtime, "@a turn " + i.ToString(CultureInfo.InvariantCulture)));
        }

        var standInTurn = Maestro.Bench.Stats.Median(alone);
        var roomTurn = Maestro.Bench.Stats.Median(routed);
        context.Report(Name, "room turn, chat/post to reply stored (median)", roomTurn, "ms", standInTurn, "stand-in turn alone");
        context.Report(Name, "routing overhead per message (room turn − stand-in turn, medians)", Math.Max(0, roomTurn - standInTurn), "ms", target: 20);

        // A 100,000-message room: the rows go straight into chat_messages after the room's own.
        var messages = context.Smoke ? 5_000 : 100_000;
        var big = await rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatCreate, new ChatCreateParams
        {
            Name = "big",
            Cwd = work,
            Participants = [new ChatParticipantSpec { Alias = "a", AgentId = "claude-code" }, new ChatParticipantSpec { Alias = "b", AgentId = "claude-code" }],
        });
        await SeedAsync(server.Services.GetRequiredService<MaestroDatabase>(), big.Id, messages);
        var page = await rpc.InvokeWithParameterObjectAsync<ChatHistoryResult>(Methods.ChatHistory, new ChatHistoryParams { RoomId = big.Id });
        if (page.Messages.Count == 0 || !page.HasMore)
        {
            throw new InvalidOperationException($"chat/history of the seeded room returned {page.Messages.Count} messages, hasMore {page.HasMore}");
        }

        var times = new List<double>();
        for (var i = 0; i < context.Iterations(9); i++)
        {
            var watch = Stopwatch.StartNew();
            await rpc.InvokeWithParameterObjectAsync<ChatHistoryResult>(Methods.ChatHistory, new ChatHistoryParams { RoomId = big.Id });
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        context.Report(Name, $"chat/history first page ({page.Messages.Count} messages) of a {messages:N0}-message room (median)", Maestro.Bench.Stats.Median(times), "ms", target: 50);

        // The last page too (afterSeq near the end): a range scan from the key, not a walk from the start.
        var tail = new List<double>();
        for (var i = 0; i < context.Iterations(9); i++)
        {
            var watch = Stopwatch.StartNew();
            await rpc.InvokeWithParameterObjectAsync<ChatHistoryResult>(Methods.ChatHistory, new ChatHistoryParams { RoomId = big.Id, AfterSeq = messages - 100 });
            tail.Add(watch.Elapsed.TotalMilliseconds);
        }

        context.Report(Name, $"chat/history last 100 of a {messages:N0}-message room (median)", Maestro.Bench.Stats.Median(tail), "ms", target: 50);
    }

    private static async Task<double> PromptAsync(JsonRpc rpc, string sessionId, string text)
    {
        var watch = Stopwatch.StartNew();
        await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = text });
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>chat/post until a's reply is stored (seen in-process, so no polling is timed); then waits for idle, untimed.</summary>
    private static async Task<double> RoomTurnAsync(JsonRpc rpc, RoomRuntime runtime, string text)
    {
        var replied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnMessage(object? sender, ChatMessage message)
        {
            if (message.Author == "a")
            {
                replied.TrySetResult();
            }
            else if (message.Author == "system")
            {
                replied.TrySetException(new InvalidOperationException("the room said: " + message.Text));
            }
        }

        runtime.MessageAppended += OnMessage;
        try
        {
            var watch = Stopwatch.StartNew();
            await rpc.InvokeWithParameterObjectAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = runtime.Id, Text = text });
            await replied.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var elapsed = watch.Elapsed.TotalMilliseconds;
            await Wait.UntilAsync(() => !runtime.Busy, TimeSpan.FromSeconds(60), "the room to be idle");
            return elapsed;
        }
        finally
        {
            runtime.MessageAppended -= OnMessage;
        }
    }

    /// <summary>Messages 1..count of the room, alternating user / @a / @b, written straight into chat_messages.</summary>
    private static async Task SeedAsync(MaestroDatabase database, string roomId, int count)
    {
        const int Batch = 20_000;
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        for (var from = 1; from <= count; from += Batch)
        {
            var first = from;
            await database.WriteAsync(
                async (c, t) =>
                {
                    using var command = c.CreateCommand();
                    command.Transaction = t;
                    command.CommandText = """
                        INSERT INTO chat_messages (room_id, seq, id, author, text, html, mentions_json, time)
                        VALUES ($room, $seq, $id, $author, $text, $html, $mentions, $time);
                        """;
                    command.Parameters.AddWithValue("$room", roomId);
                    var seq = command.Parameters.Add("$seq", Microsoft.Data.Sqlite.SqliteType.Integer);
                    var id = command.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
                    var author = command.Parameters.Add("$author", Microsoft.Data.Sqlite.SqliteType.Text);
                    var body = command.Parameters.Add("$text", Microsoft.Data.Sqlite.SqliteType.Text);
                    var html = command.Parameters.Add("$html", Microsoft.Data.Sqlite.SqliteType.Text);
                    var mentions = command.Parameters.Add("$mentions", Microsoft.Data.Sqlite.SqliteType.Text);
                    var time = command.Parameters.Add("$time", Microsoft.Data.Sqlite.SqliteType.Text);
                    for (var i = first; i < Math.Min(first + Batch, count + 1); i++)
                    {
                        var who = (i % 3) switch { 0 => "user", 1 => "a", _ => "b" };
                        var text = who == "user" ? $"@a @b message {i}" : $"Reply {i} from @{who}: looked at the parser, the tests pass.";
                        seq.Value = i;
                        id.Value = "m_" + i.ToString("x12", CultureInfo.InvariantCulture);
                        author.Value = who;
                        body.Value = text;
                        html.Value = "<p>" + text + "</p>\n";
                        mentions.Value = who == "user" ? "[\"a\",\"b\"]" : "[]";
                        time.Value = start.AddSeconds(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                        await command.ExecuteNonQueryAsync();
                    }

                    return 0;
                },
                CancellationToken.None);
        }
    }
}
