using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.Server.Sessions;
using Maestro.Server.Tests.Agents;
using Maestro.Server.Tests.Protocol.Exchanges;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Tests.Hosts;

/// <summary>
/// A room of this machine whose participants run on different machines: @here is a local session (the chat
/// STAND-IN as claude-code, <see cref="ChatStandIn"/>), @there a session on the SSH host (a loopback sshd, the host's
/// own daemon running the real Claude Code CLI against the scripted model server), created, prompted and read
/// through the host's connection (<see cref="Maestro.Server.Hosts.HostRoutedSessions"/>).
/// </summary>
[Collection(RealCliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MixedRoomTests
{
    private const string Host = RemoteHostSandbox.HostName;

    [Fact]
    public async Task A_local_and_a_remote_participant_answer_in_order_in_one_room_of_this_machine()
    {
        await using var box = await RemoteHostSandbox.StartAsync();
        using var local = new TempDirectory("mixed");
        var standIn = await UseStandInAsync(box, local);
        await using var client = await box.ConnectAsync();
        await RemoteHostSandbox.AddHostAsync(client, box.Hosts.Sshd.Destination);

        var room = (await client.RecordAsync(Methods.ChatCreate, new ChatCreateParams
        {
            Name = "Mixed",
            Cwd = local.Path,
            Participants =
            [
                new ChatParticipantSpec { Alias = "here", AgentId = "claude-code" },
                new ChatParticipantSpec { Alias = "there", AgentId = "claude-code", Host = Host, Cwd = box.Agent.Repo },
            ],
        }, "mixedHosts"))["result"]!;
        var roomId = (string)room["id"]!;
        Assert.Null(room["host"]); // the room is this machine's
        var participants = room["participants"]!.AsArray();
        Assert.Null(participants[0]!["host"]);
        Assert.Equal(Host, (string?)participants[1]!["host"]);
        var hereSession = (string)participants[0]!["sessionId"]!;
        var thereSession = (string)participants[1]!["sessionId"]!;

        // @there's session lives in the host's daemon (its MAESTRO_HOME), in the folder asked for there; @here's here.
        var sessions = box.Server.Services.GetRequiredService<SessionStore>();
        Assert.NotNull(await sessions.GetAsync(hereSession, CancellationToken.None));
        Assert.Null(await sessions.GetAsync(thereSession, CancellationToken.None));
        await using (var remote = await Maestro.Server.Cli.DaemonClient.TryConnectAsync(new MaestroPaths(box.RemoteMaestroHome), CancellationToken.None))
        {
            Assert.NotNull(remote);
            var onHost = await remote.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = thereSession }, CancellationToken.None);
            Assert.Equal(box.Agent.Repo, onHost.Cwd);
            Assert.Equal("Mixed · @there", onHost.Name);
        }

        var seen = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsGet, new SessionIdParams { SessionId = thereSession }))["result"]!;
        Assert.Equal(Host, (string?)seen["host"]);

        box.Model.EnqueueTurn(ScriptStep.Text("Hello from there."));
        Exchange.AssertNoError(await client.CallAsync(Methods.ChatPost, new ChatPostParams { RoomId = roomId, Text = "@here @there say hello" }));
        await client.NotificationAsync(Methods.ChatMessage, p => (string?)p["roomId"] == roomId && (string?)p["message"]!["author"] == "there", TimeSpan.FromSeconds(120));
        await IdleAsync(client, roomId);

        var history = await HistoryAsync(client, roomId);
        Assert.Equal(["user", "here", "there"], history.Select(m => m.Author));
        Assert.Equal("Reply from @here.", history[1].Text);
        Assert.Contains("Hello from there.", history[2].Text, StringComparison.Ordinal);

        // @there was told what @here said before it: the room's prompt reached the model through the host's Claude Code.
        var request = Assert.Single(box.Model.ScriptedRequests);
        Assert.Contains("Reply from @here.", request.Body, StringComparison.Ordinal);
        Assert.Single(ChatStandIn.Prompts(standIn, "here"));

        // The remote turn's events reached this daemon's clients through the relay, host set.
        Assert.Contains(client.Notifications, n => (string?)n["method"] == Methods.SessionsEvent && (string?)n["params"]!["sessionId"] == thereSession && (string?)n["params"]!["host"] == Host);
        Exchange.AssertNoError(await client.CallAsync(Methods.ChatClose, new ChatRoomIdParams { RoomId = roomId }));
    }

    [Fact]
    public async Task A_participant_on_an_offline_host_is_skipped_with_a_note_the_others_answer_and_it_misses_nothing()
    {
        await using var box = await RemoteHostSandbox.StartAsync();
        using var local = new TempDirectory("mixed");
        _ = await UseStandInAsync(box, local);
        await using var client = await box.ConnectAsync();
        await RemoteHostSandbox.AddHostAsync(client, box.Hosts.Sshd.Destination);
        var room = Exchange.AssertNoError(await client.CallAsync(Methods.ChatCreate, new ChatCreateParams
        {
            Name = "Mixed",
            Cwd = local.Path,
            Participants =
            [
                new ChatParticipantSpec { Alias = "here", AgentId = "claude-code" },
                new ChatParticipantSpec { Alias = "there", AgentId = "claude-code", Host = Host, Cwd = box.Agent.Repo },
            ],
        }, TimeSpan.FromSeconds(90)))["result"]!;
        var roomId = (string)room["id"]!;

        // The host goes away: its sshd refuses the key from now on, and the live connection is cut.
        var keys = await File.ReadAllTextAsync(box.Hosts.Sshd.AuthorizedKeys);
        await File.WriteAllTextAsync(box.Hosts.Sshd.AuthorizedKeys, string.Empty);
        OsProcesses.KillIfRunning(box.Connections.SshProcessId(Host) ?? throw new InvalidOperationException("The host is not connected."));
        await Wait.UntilAsync(() => box.Connections.StateOf(Host).State == HostState.Offline, TimeSpan.FromSeconds(60), "the host to be offline");

        Exchange.AssertNoError(await client.CallAsync(Methods.ChatPost, new ChatPostParams { RoomId = roomId, Text = "@there @here the plan is to ship on Friday" }));
        await IdleAsync(client, roomId);
        var history = await HistoryAsync(client, roomId);
        Assert.Equal(["user", "system", "here"], history.Select(m => m.Author));
        Assert.Contains("@there's turn could not run on host 'box'", history[1].Text, StringComparison.Ordinal);
        Assert.Empty(box.Model.ScriptedRequests);

        // The host is back: @there's next turn carries what it missed while the host was away.
        await File.WriteAllTextAsync(box.Hosts.Sshd.AuthorizedKeys, keys);
        await Wait.UntilAsync(() => box.Connections.StateOf(Host).State == HostState.Online, TimeSpan.FromSeconds(90), "the host to be back online");
        box.Model.EnqueueTurn(ScriptStep.Text("Friday works for me."));
        Exchange.AssertNoError(await client.CallAsync(Methods.ChatPost, new ChatPostParams { RoomId = roomId, Text = "@there what do you say?" }));
        await client.NotificationAsync(Methods.ChatMessage, p => (string?)p["roomId"] == roomId && (string?)p["message"]!["author"] == "there", TimeSpan.FromSeconds(120));
        await IdleAsync(client, roomId);
        var request = Assert.Single(box.Model.ScriptedRequests);
        Assert.Contains("the plan is to ship on Friday", request.Body, StringComparison.Ordinal);
        Assert.Contains("Reply from @here.", request.Body, StringComparison.Ordinal);
        Assert.Equal("there", (await HistoryAsync(client, roomId))[^1].Author);
    }

    /// <summary>This machine's claude-code is the chat stand-in (the host's is the real CLI); returns the stand-in's folder.</summary>
    private static async Task<string> UseStandInAsync(RemoteHostSandbox box, TempDirectory local)
    {
        var folder = Directory.CreateDirectory(local.Combine("agent")).FullName;
        var script = ChatStandIn.Create(folder);
        await MaestroAgentSettings.WriteAsync(box.Server.Home, "claude-code", script, new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = local.Path });

        // The server sees a change by the file's time: make sure it moves even within the clock's resolution.
        File.SetLastWriteTimeUtc(Path.Combine(box.Server.Home, "settings.json"), DateTime.UtcNow.AddSeconds(1));
        return folder;
    }

    private static Task IdleAsync(ExchangeClient client, string roomId) => Wait.UntilAsync(
        async () => (string?)(await client.CallAsync(Methods.ChatGet, new ChatRoomIdParams { RoomId = roomId }))["result"]?["state"] == "idle",
        TimeSpan.FromSeconds(120),
        "the room to be idle");

    /// <summary>The room's messages as (author, text), in order.</summary>
    private static async Task<IReadOnlyList<(string Author, string Text)>> HistoryAsync(ExchangeClient client, string roomId)
        => [.. Exchange.AssertNoError(await client.CallAsync(Methods.ChatHistory, new ChatHistoryParams { RoomId = roomId, AfterSeq = 0, Limit = 50 }))["result"]!["messages"]!.AsArray()
            .Select(m => ((string)m!["author"]!, (string)m["text"]!))];
}
