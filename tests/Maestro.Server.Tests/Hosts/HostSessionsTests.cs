using System.Text.Json.Nodes;
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
/// Sessions on a host through the local daemon: a real ssh to a loopback sshd, the host's own daemon (the server as
/// built, another MAESTRO_HOME) running the real Claude Code CLI against the scripted model server. The local
/// client sees the host's sessions in its list and their events with <c>host</c> set, and drives them as its own.
/// </summary>
[Collection(RealCliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostSessionsTests
{
    [Fact]
    public async Task A_session_created_on_the_host_runs_there_and_its_events_reach_the_local_client_with_host_set()
    {
        await using var box = await RemoteHostSandbox.StartAsync();
        await using var client = await box.ConnectAsync();
        await RemoteHostSandbox.AddHostAsync(client, box.Hosts.Sshd.Destination, record: true);
        var unused = Assert.Single(Exchange.AssertNoError(await client.CallAsync(Methods.HostsList))["result"]!["hosts"]!.AsArray())!;
        Assert.Equal("offline", (string?)unused["state"]);
        Assert.Null(unused["lastError"]);

        box.Model.EnqueueTurn(ScriptStep.Text("Hello from the host."));
        var created = (await client.RecordAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = box.Agent.Repo, Host = RemoteHostSandbox.HostName, PermissionMode = PermissionMode.Bypass }, "onHost"))["result"]!;
        var id = (string)created["id"]!;
        Assert.Equal(RemoteHostSandbox.HostName, (string?)created["host"]);
        var online = (await client.RecordAsync(Methods.HostsList, null, "online"))["result"]!["hosts"]![0]!;
        Assert.Equal("online", (string?)online["state"]);

        // The session lives in the host's daemon, not in this one.
        Assert.Null(await box.Server.Services.GetRequiredService<SessionStore>().GetAsync(id, CancellationToken.None));
        await using (var remote = await Maestro.Server.Cli.DaemonClient.TryConnectAsync(new MaestroPaths(box.RemoteMaestroHome), CancellationToken.None))
        {
            Assert.NotNull(remote);
            Assert.Null((await remote.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = id }, CancellationToken.None)).Host);
        }

        var turn = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "Say hello" }, TimeSpan.FromSeconds(120)));
        Assert.Equal("endTurn", (string?)turn["result"]!["stopReason"]);

        // Every event of the turn arrived before the answer, once each, in order, with host set.
        var events = client.Notifications.Where(n => (string?)n["method"] == Methods.SessionsEvent && (string?)n["params"]!["sessionId"] == id).ToList();
        Assert.All(events, e => Assert.Equal(RemoteHostSandbox.HostName, (string?)e["params"]!["host"]));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => (long)e["params"]!["seq"]!));
        Assert.Contains(events, e => (string?)e["params"]!["event"]!["type"] == "message" && ((string?)e["params"]!["event"]!["text"])?.Contains("Hello from the host.", StringComparison.Ordinal) == true);
        Exchange.RecordMessage(events.First(e => (string?)e["params"]!["event"]!["type"] == "message"), "fromHost");

        var listed = (await client.RecordAsync(Methods.SessionsList, new SessionListParams(), "withHost"))["result"]!["sessions"]!.AsArray();
        var mine = Assert.Single(listed, s => (string?)s!["id"] == id)!;
        Assert.Equal(RemoteHostSandbox.HostName, (string?)mine["host"]);
        Assert.Equal(events.Count, (long)mine["lastSeq"]!);

        var history = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsHistory, new SessionHistoryParams { SessionId = id }))["result"]!["events"]!.AsArray();
        Assert.Equal(events.Count, history.Count);
        Assert.All(history, e => Assert.Equal(RemoteHostSandbox.HostName, (string?)e!["host"]));

        // The agent's output is kept by the host's daemon and asked there: this daemon has no such session and would
        // answer SessionNotFound.
        var output = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsOutput, new SessionOutputParams { SessionId = id }))["result"]!;
        Assert.NotNull(output["lines"]);
        Assert.False((bool)output["truncated"]!);

        var renamed = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsRename, new SessionRenameParams { SessionId = id, Name = "on the box" }))["result"]!;
        Assert.Equal("on the box", (string?)renamed["name"]);
        Assert.Equal(RemoteHostSandbox.HostName, (string?)renamed["host"]);

        Exchange.AssertNoError(await client.CallAsync(Methods.SessionsClose, new SessionCloseParams { SessionId = id }));
        var closed = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsGet, new SessionIdParams { SessionId = id }))["result"]!;
        Assert.Equal("closed", (string?)closed["status"]);
        Assert.Equal(RemoteHostSandbox.HostName, (string?)closed["host"]);

        // This daemon restarts while the host refuses the login: the host's session is still listed (as last known,
        // offline), and comes back online by itself once the host lets us in again.
        var keys = await File.ReadAllTextAsync(box.Hosts.Sshd.AuthorizedKeys);
        await File.WriteAllTextAsync(box.Hosts.Sshd.AuthorizedKeys, string.Empty);
        await box.Hosts.RestartServerAsync();
        await using var again = await box.ConnectAsync();
        var kept = Assert.Single(Exchange.AssertNoError(await again.CallAsync(Methods.SessionsList, new SessionListParams(), TimeSpan.FromSeconds(60)))["result"]!["sessions"]!.AsArray(), s => (string?)s!["id"] == id)!;
        Assert.True((bool?)kept["offline"]);
        Assert.Equal(RemoteHostSandbox.HostName, (string?)kept["host"]);
        Assert.Equal("on the box", (string?)kept["name"]);
        Exchange.AssertError(await again.CallAsync(Methods.SessionsGet, new SessionIdParams { SessionId = id }), ErrorCodes.HostUnreachable, ErrorKinds.HostUnreachable);
        await File.WriteAllTextAsync(box.Hosts.Sshd.AuthorizedKeys, keys);
        await again.NotificationAsync(Methods.SessionsChanged, p => (string?)p["session"]!["id"] == id && p["session"]!["offline"] is null, TimeSpan.FromSeconds(60));
        Assert.Equal("closed", (string?)Exchange.AssertNoError(await again.CallAsync(Methods.SessionsGet, new SessionIdParams { SessionId = id }))["result"]!["status"]);
    }

    [Fact]
    public async Task A_lost_connection_mid_turn_comes_back_the_turn_ends_there_and_the_gap_is_filled_once_in_order()
    {
        await using var box = await RemoteHostSandbox.StartAsync();
        await using var client = await box.ConnectAsync(new ClientCapabilities { BatchedEvents = true });
        await RemoteHostSandbox.AddHostAsync(client, box.Hosts.Sshd.Destination);
        var created = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = box.Agent.Repo, Host = RemoteHostSandbox.HostName, PermissionMode = PermissionMode.Bypass }, TimeSpan.FromSeconds(90)))["result"]!;
        var id = (string)created["id"]!;

        // The turn's Bash tool blocks on a FIFO until the test writes to it: the turn is surely under way when ssh dies.
        var fifo = Path.Combine(box.Agent.Tmp, "release");
        Assert.Equal(0, (await CliProcess.RunAsync("/usr/bin/mkfifo", [fifo], box.Agent.Root, box.Agent.BaseEnvironment(), TimeSpan.FromSeconds(10))).ExitCode);
        box.Model.EnqueueTurn(ScriptStep.ToolCall("Bash", new JsonObject { ["command"] = $"read line < {fifo}; echo \"got $line\"", ["description"] = "wait for the release" }.ToJsonString()));
        box.Model.EnqueueTurn(ScriptStep.Text("Released and done."));
        var (_, answer) = client.Send(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "Wait for the release" });
        await client.NotificationAsync(Methods.SessionsEvents, p => (string?)p["sessionId"] == id && p["events"]!.AsArray().Any(e => (string?)e!["event"]!["type"] == "toolCall"), TimeSpan.FromSeconds(90));

        // The host stays down: its sshd refuses the key from now on, and the live connection is cut.
        var keys = await File.ReadAllTextAsync(box.Hosts.Sshd.AuthorizedKeys);
        await File.WriteAllTextAsync(box.Hosts.Sshd.AuthorizedKeys, string.Empty);
        var ssh = box.Connections.SshProcessId(RemoteHostSandbox.HostName);
        Assert.NotNull(ssh);
        OsProcesses.KillIfRunning(ssh.Value);

        await client.NotificationAsync(Methods.SessionsChanged, p => (string?)p["session"]!["id"] == id && (bool?)p["session"]!["offline"] == true, TimeSpan.FromSeconds(30));
        await Wait.UntilAsync(() => box.Connections.StateOf(RemoteHostSandbox.HostName) is { State: HostState.Offline, LastError: { } why } && why.Contains("refused the login", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the host to show offline with the refused login");
        var offline = (await client.RecordAsync(Methods.HostsList, null, "offline"))["result"]!["hosts"]![0]!;
        Assert.Equal("offline", (string?)offline["state"]);
        Assert.Contains("refused the login", (string)offline["lastError"]!, StringComparison.Ordinal);
        var kept = Assert.Single((await client.RecordAsync(Methods.SessionsList, new SessionListParams(), "hostOffline"))["result"]!["sessions"]!.AsArray(), s => (string?)s!["id"] == id)!;
        Assert.True((bool?)kept["offline"]);
        Assert.Equal(RemoteHostSandbox.HostName, (string?)kept["host"]);
        Exchange.AssertError(await client.CallAsync(Methods.SessionsGet, new SessionIdParams { SessionId = id }), ErrorCodes.HostUnreachable, ErrorKinds.HostUnreachable);

        // Meanwhile the host's daemon finishes the turn on its own.
        await File.WriteAllTextAsync(fifo, "go\n");
        await using (var remote = await Maestro.Server.Cli.DaemonClient.TryConnectAsync(new MaestroPaths(box.RemoteMaestroHome), CancellationToken.None))
        {
            Assert.NotNull(remote);
            await Wait.UntilAsync(async () => (await remote.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = id }, CancellationToken.None)).Status == SessionStatus.Idle, TimeSpan.FromSeconds(90), "the turn to end on the host");
        }

        // The host lets us in again: the connection comes back by itself, the answer and the missed events follow.
        await File.WriteAllTextAsync(box.Hosts.Sshd.AuthorizedKeys, keys);
        var turn = Exchange.AssertNoError(await answer.WaitAsync(TimeSpan.FromSeconds(90)));
        Assert.Equal("endTurn", (string?)turn["result"]!["stopReason"]);
        await client.NotificationAsync(Methods.SessionsChanged, p => (string?)p["session"]!["id"] == id && p["session"]!["offline"] is null && (string?)p["session"]!["status"] == "idle", TimeSpan.FromSeconds(30));

        var remoteLast = (long)Exchange.AssertNoError(await client.CallAsync(Methods.SessionsGet, new SessionIdParams { SessionId = id }))["result"]!["lastSeq"]!;
        var seqs = client.Notifications
            .Where(n => (string?)n["method"] == Methods.SessionsEvents && (string?)n["params"]!["sessionId"] == id)
            .SelectMany(n => n["params"]!["events"]!.AsArray())
            .Where(e => (string?)e!["event"]!["type"] != "outage")
            .Select(e => (long)e!["seq"]!)
            .ToList();
        Assert.Equal(Enumerable.Range(1, (int)remoteLast).Select(i => (long)i), seqs);
        Assert.Contains(client.Notifications, n => (string?)n["method"] == Methods.SessionsEvents && n["params"]!["events"]!.AsArray().Any(e => ((string?)e!["event"]!["text"])?.Contains("Released and done.", StringComparison.Ordinal) == true));
        Assert.Equal(HostState.Online, box.Connections.StateOf(RemoteHostSandbox.HostName).State);
    }

    [Fact]
    public async Task A_hunk_of_the_host_s_agent_is_reviewed_and_rejected_from_here_the_file_is_restored_there()
    {
        await using var box = await RemoteHostSandbox.StartAsync();
        await using var client = await box.ConnectAsync();
        await RemoteHostSandbox.AddHostAsync(client, box.Hosts.Sshd.Destination);
        var id = (string)Exchange.AssertNoError(await client.CallAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = box.Agent.Repo, Host = RemoteHostSandbox.HostName, PermissionMode = PermissionMode.Bypass }, TimeSpan.FromSeconds(90)))["result"]!["id"]!;
        var readme = box.Agent.RepoFile("README.md");
        box.Model.EnqueueTurn(ScriptStep.ToolCall("Read", new JsonObject { ["file_path"] = readme }.ToJsonString()));
        box.Model.EnqueueTurn(ScriptStep.ToolCall("Edit", new JsonObject { ["file_path"] = readme, ["old_string"] = "# Sandbox repo", ["new_string"] = "# Edited on the host" }.ToJsonString()), ScriptStep.Text("Edited."));
        var turn = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "Edit the title" }, TimeSpan.FromSeconds(120)));
        Assert.Equal("endTurn", (string?)turn["result"]!["stopReason"]);
        Assert.Contains("# Edited on the host", await File.ReadAllTextAsync(readme), StringComparison.Ordinal);

        // The hunk comes from the host's daemon (its attribution store): asked by host, or by the host's session.
        var changes = (await client.RecordAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = box.Agent.Repo, Host = RemoteHostSandbox.HostName }, "onHost"))["result"]!;
        var file = Assert.Single(changes["files"]!.AsArray())!;
        Assert.Equal("README.md", (string?)file["path"]);
        Assert.Equal(id, (string?)file["sessionId"]);
        var hunk = (string)file["hunks"]![0]!["id"]!;
        var bySession = Exchange.AssertNoError(await client.CallAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = box.Agent.Repo, SessionId = id }))["result"]!;
        Assert.Equal(hunk, (string?)bySession["files"]![0]!["hunks"]![0]!["id"]);

        // The editor shows the host's file as a read-only document: its text read by the host's daemon.
        var text = (await client.RecordAsync(Methods.FilesRead, new FilesReadParams { Cwd = box.Agent.Repo, Path = "README.md", Host = RemoteHostSandbox.HostName }, "onHost"))["result"]!;
        Assert.Equal("# Edited on the host\n", (string?)text["content"]);
        Assert.Equal(readme, (string?)text["path"]);
        var status = Exchange.AssertNoError(await client.CallAsync(Methods.GitStatus, new GitStatusParams { Cwd = box.Agent.Repo, Host = RemoteHostSandbox.HostName }))["result"]!;
        Assert.Contains(status["changes"]!.AsArray(), c => (string?)c!["path"] == "README.md");
        Assert.NotEmpty(Exchange.AssertNoError(await client.CallAsync(Methods.GitLog, new GitLogParams { Cwd = box.Agent.Repo, Host = RemoteHostSandbox.HostName, Limit = 1 }))["result"]!["commits"]!.AsArray());

        var rejected = (await client.RecordAsync(Methods.ReviewReject, new ReviewSelectionParams { Cwd = box.Agent.Repo, HunkIds = [hunk], Host = RemoteHostSandbox.HostName }, "onHost"))["result"]!;
        Assert.NotNull(rejected["decisionId"]);
        Assert.Equal("# Sandbox repo\n", await File.ReadAllTextAsync(readme));
        Assert.Empty(Exchange.AssertNoError(await client.CallAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = box.Agent.Repo, Host = RemoteHostSandbox.HostName }))["result"]!["files"]!.AsArray());
    }

    [Fact]
    public async Task A_playbook_run_on_the_host_ticks_its_box_there_and_its_progress_reaches_the_local_client_with_host_set()
    {
        await using var box = await RemoteHostSandbox.StartAsync();
        await using var client = await box.ConnectAsync();
        await RemoteHostSandbox.AddHostAsync(client, box.Hosts.Sshd.Destination);
        var doc = Path.Combine(box.Agent.Repo, "playbooks", "one.md");
        Directory.CreateDirectory(Path.GetDirectoryName(doc)!);
        await File.WriteAllTextAsync(doc, "# One task\n\n- [ ] Say hello\n");
        box.Model.EnqueueTurn(ScriptStep.ToolCall("Read", new JsonObject { ["file_path"] = doc }.ToJsonString()));
        box.Model.EnqueueTurn(ScriptStep.ToolCall("Edit", new JsonObject { ["file_path"] = doc, ["old_string"] = "- [ ] Say hello", ["new_string"] = "- [x] Say hello" }.ToJsonString()), ScriptStep.Text("Done: **Say hello**, and checked off."));

        var listed = (await client.RecordAsync(Methods.PlaybooksList, new PlaybooksListParams { Cwd = box.Agent.Repo, Host = RemoteHostSandbox.HostName }, "onHost"))["result"]!["playbooks"]!.AsArray();
        Assert.Contains(listed, p => ((string?)p!["path"])?.EndsWith("one.md", StringComparison.Ordinal) == true);
        var run = (await client.RecordAsync(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = "claude-code", Cwd = box.Agent.Repo, PermissionMode = PermissionMode.Bypass, Host = RemoteHostSandbox.HostName }, "onHost"))["result"]!;
        Assert.Equal(RemoteHostSandbox.HostName, (string?)run["host"]);
        var runId = (string)run["id"]!;

        var finished = await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == runId && (string?)p["event"] == "finished", TimeSpan.FromSeconds(120));
        Exchange.RecordMessage(finished, "fromHost");
        Assert.Equal(RemoteHostSandbox.HostName, (string?)finished["params"]!["run"]!["host"]);
        Assert.Equal("done", (string?)finished["params"]!["run"]!["status"]);
        Assert.Equal("# One task\n\n- [x] Say hello\n", await File.ReadAllTextAsync(doc));

        var got = Exchange.AssertNoError(await client.CallAsync(Methods.RunsGet, new RunIdParams { RunId = runId }))["result"]!;
        Assert.Equal(RemoteHostSandbox.HostName, (string?)got["host"]);
        var runs = (await client.RecordAsync(Methods.RunsList, new RunsListParams(), "withHost"))["result"]!["runs"]!.AsArray();
        Assert.Equal(RemoteHostSandbox.HostName, (string?)Assert.Single(runs, r => (string?)r!["id"] == runId)!["host"]);

        // The run's session is one of the host's sessions in the local list.
        var sessionId = (string)got["sessionIds"]![0]!;
        var sessions = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsList, new SessionListParams()))["result"]!["sessions"]!.AsArray();
        Assert.Equal(RemoteHostSandbox.HostName, (string?)Assert.Single(sessions, s => (string?)s!["id"] == sessionId)!["host"]);
    }

    [Fact]
    public async Task Worktrees_a_group_chat_room_and_the_stats_of_the_host_go_through_the_relay_with_host_set()
    {
        await using var box = await RemoteHostSandbox.StartAsync();
        await using var client = await box.ConnectAsync();
        await RemoteHostSandbox.AddHostAsync(client, box.Hosts.Sshd.Destination);
        const string Host = RemoteHostSandbox.HostName;

        // Worktrees: made, listed and removed by the host's daemon (paths are paths there), each answered with host set.
        var made = (await client.RecordAsync(Methods.WorktreesCreate, new WorktreeCreateParams { Repo = box.Agent.Repo, Branch = "feature/on-host", Host = Host }, "onHost"))["result"]!;
        Assert.Equal(Host, (string?)made["host"]);
        var worktreePath = (string)made["path"]!;
        Assert.True(Directory.Exists(worktreePath));
        var listed = (await client.RecordAsync(Methods.WorktreesList, new WorktreeListParams { Repo = box.Agent.Repo, Host = Host }, "onHost"))["result"]!["worktrees"]!.AsArray();
        Assert.All(listed, w => Assert.Equal(Host, (string?)w!["host"]));
        Assert.Contains(listed, w => (string?)w!["branch"] == "feature/on-host");
        Exchange.AssertNoError(await client.CallAsync(Methods.WorktreesRemove, new WorktreeRemoveParams { Path = worktreePath, Host = Host }));
        Assert.False(Directory.Exists(worktreePath));

        // A group chat room on the host: created there (not here), its messages relayed with host set, its requests routed there.
        box.Model.EnqueueTurn(ScriptStep.Text("Hello from the room on the host."));
        var room = (await client.RecordAsync(Methods.ChatCreate, new ChatCreateParams { Name = "On the box", Cwd = box.Agent.Repo, Participants = [new ChatParticipantSpec { Alias = "builder", AgentId = "claude-code" }], Host = Host }, "onHost"))["result"]!;
        Assert.Equal(Host, (string?)room["host"]);
        var roomId = (string)room["id"]!;
        await Assert.ThrowsAnyAsync<Maestro.Server.Errors.MaestroException>(() => box.Server.Services.GetRequiredService<Maestro.Server.Chat.ChatService>().GetAsync(roomId, CancellationToken.None));
        Exchange.AssertNoError(await client.CallAsync(Methods.ChatPost, new ChatPostParams { RoomId = roomId, Text = "@builder say hello" }));
        var reply = await client.NotificationAsync(Methods.ChatMessage, p => (string?)p["roomId"] == roomId && (string?)p["message"]!["author"] == "builder", TimeSpan.FromSeconds(120));
        Exchange.RecordMessage(reply, "fromHost");
        Assert.Equal(Host, (string?)reply["params"]!["host"]);
        Assert.Contains("Hello from the room on the host.", (string?)reply["params"]!["message"]!["text"], StringComparison.Ordinal);
        await client.NotificationAsync(Methods.ChatChanged, p => (string?)p["room"]!["id"] == roomId && (string?)p["room"]!["state"] == "idle" && (string?)p["room"]!["host"] == Host, TimeSpan.FromSeconds(60));
        var rooms = Exchange.AssertNoError(await client.CallAsync(Methods.ChatList))["result"]!["rooms"]!.AsArray();
        Assert.Equal(Host, (string?)Assert.Single(rooms, r => (string?)r!["id"] == roomId)!["host"]);
        var history = Exchange.AssertNoError(await client.CallAsync(Methods.ChatHistory, new ChatHistoryParams { RoomId = roomId, AfterSeq = 0, Limit = 10 }))["result"]!["messages"]!.AsArray();
        Assert.Equal(["user", "builder"], history.Select(m => (string?)m!["author"]));

        // Stats: the host's daemon counts the room's turn as its own; this machine ran none.
        await Wait.UntilAsync(
            async () => (long)(await client.CallAsync(Methods.StatsGet, new StatsGetParams { Host = Host }))["result"]!["totals"]!["turns"]! >= 1,
            TimeSpan.FromSeconds(30),
            "the host's stats to count the room's turn");
        var remoteStats = (await client.RecordAsync(Methods.StatsGet, new StatsGetParams { Host = Host }, "onHost"))["result"]!;
        Assert.True((long)remoteStats["totals"]!["turns"]! >= 1);
        Assert.Equal(0, (long)Exchange.AssertNoError(await client.CallAsync(Methods.StatsGet, new StatsGetParams()))["result"]!["totals"]!["turns"]!);
        Exchange.AssertNoError(await client.CallAsync(Methods.ChatClose, new ChatRoomIdParams { RoomId = roomId }));
    }

    [Fact]
    public async Task A_host_without_maestro_is_offline_with_the_install_hint_and_the_local_list_still_answers()
    {
        await using var box = await RemoteHostSandbox.StartAsync(installed: false);
        await using var client = await box.ConnectAsync();
        await RemoteHostSandbox.AddHostAsync(client, box.Hosts.Sshd.Destination);
        Assert.Empty(Exchange.AssertNoError(await client.CallAsync(Methods.SessionsList, new SessionListParams()))["result"]!["sessions"]!.AsArray());
        var host = Exchange.AssertNoError(await client.CallAsync(Methods.HostsList))["result"]!["hosts"]![0]!;
        Assert.Equal("offline", (string?)host["state"]);
        Assert.Contains("maestro hosts install box", (string)host["lastError"]!, StringComparison.Ordinal);

        var refused = await client.RecordErrorAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = box.Agent.Repo, Host = RemoteHostSandbox.HostName }, ErrorCodes.HostUnreachable, ErrorKinds.HostUnreachable, "hostOffline");
        Assert.Contains("hosts install", (string)refused["error"]!["message"]!, StringComparison.Ordinal);
        Exchange.AssertError(await client.CallAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = box.Agent.Repo, Host = "nowhere" }), ErrorCodes.HostNotFound, ErrorKinds.HostNotFound);
    }
}
