using Maestro.Protocol;
using Maestro.Server.Chat;
using Maestro.TestSupport;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Chat;

/// <summary>
/// Group chat routing over the protocol, with the chat STAND-IN script as every participant (fast, its replies
/// queued per alias). Participants are real sessions running a real process per turn.
/// </summary>
public sealed class ChatRoutingTests : IAsyncLifetime
{
    private StandInChatFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = new StandInChatFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task A_mention_reaches_only_the_mentioned_participant_and_its_reply_is_stored()
    {
        await using var server = new TestServer(home: fixture.Home);
        using var rpc = await server.ConnectInitializedAsync("chat");
        var room = await fixture.CreateAsync(rpc, aliases: ["a", "b"]);
        Assert.Equal(["a", "b"], room.Participants.Select(p => p.Alias));
        Assert.Equal(6, room.MaxRounds);

        var replies = await StandInChatFixture.PostAndSettleAsync(rpc, room.Id, "@a what do you think?");

        var reply = Assert.Single(replies);
        Assert.Equal(("a", "Reply from @a."), (reply.Author, reply.Text));
        Assert.Empty(fixture.Prompts("b"));
        var prompt = Assert.Single(fixture.Prompts("a"));
        Assert.Contains("[user]: @a what do you think?", prompt, StringComparison.Ordinal);

        // The participant is an ordinary session, with its transcript.
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = room.Participants[0].SessionId });
        Assert.Equal("team · @a", session.Name);
        var history = await StandInChatFixture.HistoryAsync(rpc, room.Id);
        Assert.Equal([1L, 2L], history.Select(m => m.Seq));
        Assert.Equal(["a"], history[0].Mentions);
    }

    [Fact]
    public async Task At_all_reaches_everyone_in_order_and_each_sees_what_the_others_said()
    {
        await using var server = new TestServer(home: fixture.Home);
        using var rpc = await server.ConnectInitializedAsync("chat");
        var room = await fixture.CreateAsync(rpc, aliases: ["a", "b"]);

        var replies = await StandInChatFixture.PostAndSettleAsync(rpc, room.Id, "@all introduce yourselves");

        Assert.Equal(["a", "b"], replies.Select(m => m.Author));
        var bPrompt = Assert.Single(fixture.Prompts("b"));
        Assert.Contains("[user]: @all introduce yourselves", bPrompt, StringComparison.Ordinal);
        Assert.Contains("[@a]: Reply from @a.", bPrompt, StringComparison.Ordinal);

        // With no mention and no moderator, the last participant addressed answers; it is told only what it missed.
        var next = await StandInChatFixture.PostAndSettleAsync(rpc, room.Id, "and then?");
        Assert.Equal(["b"], next.Select(m => m.Author));
        var second = fixture.Prompts("b")[1];
        Assert.Contains("[user]: and then?", second, StringComparison.Ordinal);
        Assert.DoesNotContain("introduce yourselves", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_mentions_another_hands_the_floor_on_until_the_round_limit_says_so_in_the_room()
    {
        fixture.Queue("a", "over to you @b", "again @b", "and again @b");
        fixture.Queue("b", "back to you @a", "once more @a", "forever @a");
        await using var server = new TestServer(home: fixture.Home);
        using var rpc = await server.ConnectInitializedAsync("chat");
        var room = await fixture.CreateAsync(rpc, maxRounds: 3, aliases: ["a", "b"]);

        var replies = await StandInChatFixture.PostAndSettleAsync(rpc, room.Id, "@a start");

        Assert.Equal(["a", "b", "a", "system"], replies.Select(m => m.Author));
        Assert.Equal(["b"], replies[0].Mentions);
        Assert.Contains("Round limit reached (3 rounds", replies[^1].Text, StringComparison.Ordinal);
        Assert.Contains("@b", replies[^1].Text, StringComparison.Ordinal);
        var after = await rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatGet, new ChatRoomIdParams { RoomId = room.Id });
        Assert.Equal((RoomState.Idle, 0), (after.State, after.Round));
        Assert.Empty(after.Working);
    }

    [Fact]
    public async Task A_reply_mentioning_an_unknown_alias_is_reported_in_the_room()
    {
        fixture.Queue("a", "ask @zed about it");
        await using var server = new TestServer(home: fixture.Home);
        using var rpc = await server.ConnectInitializedAsync("chat");
        var room = await fixture.CreateAsync(rpc, aliases: ["a", "b"]);

        var replies = await StandInChatFixture.PostAndSettleAsync(rpc, room.Id, "@a go");

        Assert.Equal(["a", "system"], replies.Select(m => m.Author));
        Assert.Contains("No participant @zed", replies[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_moderators_choice_is_followed_and_a_reply_without_a_mention_is_asked_once_more_then_shown()
    {
        fixture.Queue("moderator", "I will delegate this to the right person.", "@b should answer", "Let me think.", "Still thinking.");
        await using var server = new TestServer(home: fixture.Home);
        using var rpc = await server.ConnectInitializedAsync("chat");
        var room = await fixture.CreateAsync(rpc, moderator: true, aliases: ["a", "b"]);
        Assert.NotNull(room.Moderator?.SessionId);

        var first = await StandInChatFixture.PostAndSettleAsync(rpc, room.Id, "who can review this?");

        Assert.Equal(["moderator", "moderator", "b"], first.Select(m => m.Author));
        Assert.Empty(first[0].Mentions);
        Assert.Equal(["b"], first[1].Mentions);
        Assert.Empty(fixture.Prompts("a"));
        var moderatorPrompts = fixture.Prompts("moderator");
        Assert.Contains("Your last reply named no participant", moderatorPrompts[1], StringComparison.Ordinal);

        var second = await StandInChatFixture.PostAndSettleAsync(rpc, room.Id, "anyone?");
        Assert.Equal(["moderator", "moderator", "system"], second.Select(m => m.Author));
        Assert.Contains("named no participant twice", second[^1].Text, StringComparison.Ordinal);
        Assert.Equal(4, fixture.Prompts("moderator").Count);
    }

    [Fact]
    public async Task Removing_a_participant_mid_turn_cancels_it_and_a_later_mention_does_not_bring_it_back()
    {
        fixture.Queue("a", "SLOW late words for @b");
        fixture.Queue("b", "please ask @a");
        await using var server = new TestServer(home: fixture.Home);
        using var rpc = await server.ConnectInitializedAsync("chat");
        var room = await fixture.CreateAsync(rpc, aliases: ["a", "b"]);

        await rpc.InvokeWithParameterObjectAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = room.Id, Text = "@a take your time" });
        await Wait.UntilAsync(
            async () => (await rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatGet, new ChatRoomIdParams { RoomId = room.Id })).Working.Contains("a"),
            TimeSpan.FromSeconds(30),
            "a's turn to run");
        var started = DateTime.UtcNow;
        var after = await rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatRemoveParticipant, new ChatRemoveParticipantParams { RoomId = room.Id, Alias = "a" });
        Assert.Equal(["b"], after.Participants.Select(p => p.Alias));
        await StandInChatFixture.IdleAsync(rpc, room.Id);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "the removed participant's turn was not cancelled");

        var replies = await StandInChatFixture.PostAndSettleAsync(rpc, room.Id, "@b your view?");
        Assert.Equal(["b", "system"], replies.Select(m => m.Author));
        Assert.Contains("@a left the room", replies[1].Text, StringComparison.Ordinal);
        var history = await StandInChatFixture.HistoryAsync(rpc, room.Id);
        Assert.DoesNotContain(history, m => m.Author == "a");
        Assert.Contains(history, m => m.Author == "system" && m.Text.Contains("@a was removed from the room; its running turn was cancelled.", StringComparison.Ordinal));
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = room.Participants[0].SessionId });
        Assert.NotEqual(SessionStatus.Running, session.Status);
    }

    [Fact]
    public async Task Cancel_stops_the_running_turn_and_the_room_is_idle()
    {
        fixture.Queue("a", "SLOW never said");
        await using var server = new TestServer(home: fixture.Home);
        using var rpc = await server.ConnectInitializedAsync("chat");
        var room = await fixture.CreateAsync(rpc, aliases: ["a", "b"]);

        await rpc.InvokeWithParameterObjectAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = room.Id, Text = "@a @b go" });
        await Wait.UntilAsync(async () => (await rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatGet, new ChatRoomIdParams { RoomId = room.Id })).Working.Contains("a"), TimeSpan.FromSeconds(30), "a's turn");
        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.ChatCancel, new ChatRoomIdParams { RoomId = room.Id });
        await StandInChatFixture.IdleAsync(rpc, room.Id);

        var history = await StandInChatFixture.HistoryAsync(rpc, room.Id);
        Assert.Equal(["user", "system"], history.Select(m => m.Author));
        Assert.Empty(fixture.Prompts("b"));
    }

    [Fact]
    public async Task Rooms_and_messages_survive_a_restart_and_a_turn_cut_by_the_stop_is_marked_in_the_room()
    {
        string roomId;
        {
            await using var server = new TestServer(home: fixture.Home);
            using var rpc = await server.ConnectInitializedAsync("chat");
            var room = await fixture.CreateAsync(rpc, aliases: ["a", "b"]);
            roomId = room.Id;
            await StandInChatFixture.PostAndSettleAsync(rpc, roomId, "@all hello");
            fixture.Queue("a", "SLOW cut short");
            await rpc.InvokeWithParameterObjectAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = roomId, Text = "@a one more" });
            await Wait.UntilAsync(async () => (await rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatGet, new ChatRoomIdParams { RoomId = roomId })).Working.Contains("a"), TimeSpan.FromSeconds(30), "a's turn");
        }

        await using var restarted = new TestServer(home: fixture.Home);
        using var again = await restarted.ConnectInitializedAsync("chat");
        var rooms = await again.InvokeWithParameterObjectAsync<ChatListResult>(Methods.ChatList, new { });
        var back = Assert.Single(rooms.Rooms);
        Assert.Equal((roomId, RoomState.Idle), (back.Id, back.State));
        var history = await StandInChatFixture.HistoryAsync(again, roomId);
        Assert.Equal(["user", "a", "b", "user", "system"], history.Select(m => m.Author));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), history.Select(m => m.Seq));
        Assert.Contains("interrupted", history[^1].Text, StringComparison.Ordinal);

        // The room goes on where it was, its seq numbers too.
        var replies = await StandInChatFixture.PostAndSettleAsync(again, roomId, "@b still there?");
        Assert.Equal(["b"], replies.Select(m => m.Author));
        Assert.Equal(7, replies[0].Seq);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_error_and_changes_nothing()
    {
        await using var server = new TestServer(home: fixture.Home);
        using var rpc = await server.ConnectInitializedAsync("chat");
        var room = await fixture.CreateAsync(rpc, aliases: ["a", "b"]);
        var sessionsBefore = (await rpc.InvokeWithParameterObjectAsync<SessionListResult>(Methods.SessionsList, new SessionListParams())).Sessions.Count;

        await ChatErrors.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = "c_nope", Text = "hi" }), ErrorCodes.RoomNotFound, "No chat room 'c_nope'");
        await ChatErrors.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = room.Id, Text = "@zed hello" }), ErrorCodes.InvalidParams, "This room has no participant @zed; its participants are @a, @b. Nothing was posted.");
        await ChatErrors.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = room.Id, Text = "  \n" }), ErrorCodes.InvalidParams, "The message is empty");

        // 10 MiB fits the 16 MiB frame limit, so the chat's own limit answers it, naming the limit, not the transport.
        var huge = "@a " + new string('x', 10 * 1024 * 1024);
        await ChatErrors.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = room.Id, Text = huge }), ErrorCodes.InvalidParams, $"The message is too long: {huge.Length} characters; a chat message has at most {ChatLimits.MaxMessageChars}");

        await ChatErrors.FailsAsync(() => fixture.CreateAsync(rpc, aliases: ["x", "X"]), ErrorCodes.InvalidParams, "used twice");
        await ChatErrors.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatAddParticipant, new ChatAddParticipantParams { RoomId = room.Id, Participant = new ChatParticipantSpec { Alias = "a", AgentId = "claude-code" } }), ErrorCodes.InvalidParams, "used twice");
        await ChatErrors.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<Room>(Methods.ChatRemoveParticipant, new ChatRemoveParticipantParams { RoomId = room.Id, Alias = "zed" }), ErrorCodes.InvalidParams, "zed");

        Assert.Empty(await StandInChatFixture.HistoryAsync(rpc, room.Id));
        Assert.Single((await rpc.InvokeWithParameterObjectAsync<ChatListResult>(Methods.ChatList, new { })).Rooms);
        Assert.Equal(sessionsBefore, (await rpc.InvokeWithParameterObjectAsync<SessionListResult>(Methods.SessionsList, new SessionListParams())).Sessions.Count);
        Assert.Empty(fixture.Prompts("a"));

        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.ChatClose, new ChatRoomIdParams { RoomId = room.Id });
        await ChatErrors.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = room.Id, Text = "@a hi" }), ErrorCodes.RoomClosed, room.Id);
    }

    [Fact]
    public async Task Parallel_rooms_send_mentioned_participants_at_once_and_store_both_replies()
    {
        await using var server = new TestServer(home: fixture.Home);
        using var rpc = await server.ConnectInitializedAsync("chat");
        var room = await fixture.CreateAsync(rpc, parallel: true, aliases: ["a", "b"]);
        Assert.True(room.Parallel);

        var replies = await StandInChatFixture.PostAndSettleAsync(rpc, room.Id, "@b @a both of you");

        Assert.Equal(["a", "b"], replies.Select(m => m.Author).Order());
        Assert.Equal([2L, 3L], replies.Select(m => m.Seq));
    }
}
