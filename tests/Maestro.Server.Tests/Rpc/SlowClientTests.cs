using System.Collections.Concurrent;
using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Daemon;
using Maestro.Server.Hosting;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Rpc;

/// <summary>
/// A client that stops reading holds up nobody but itself (issue H1): the session pumps only queue notifications,
/// and a client whose queue fills or whose writes stall is disconnected, to catch up from history later.
/// The agent is the flood STAND-IN for Claude Code (tests/fixtures/agents/flood-claude.mjs), named so.
/// </summary>
public sealed class SlowClientTests
{
    private const int Events = 5000;

    [Fact]
    public async Task A_client_that_never_reads_neither_blocks_the_agent_nor_a_healthy_client()
    {
        // The real daemon over its Unix socket: the kernel's socket buffer is what fills when a client stops reading.
        using var sandbox = new TempDirectory("slow-client");
        using var home = await FloodHomeAsync();
        await using var daemon = MaestroProcess.Start(home.Path, new Dictionary<string, string> { ["MAESTRO_CLIENT_WRITE_TIMEOUT_SECONDS"] = "2" }, "daemon");
        var paths = new MaestroPaths(home.Path);
        try
        {
            // The stalled client: initializes, then never reads again.
            await using var stalled = await ConnectRawAsync(paths);
            await stalled.InitializeAsync("stalled");

            var healthy = new EventCollector();
            using var rpc = await DaemonRpc.ConnectAsync(home.Path, "healthy", healthy);
            var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Path, PermissionMode = PermissionMode.Bypass });

            var prompt = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "flood" });
            var finished = await Task.WhenAny(prompt, Task.Delay(TimeSpan.FromSeconds(90)));
            Assert.True(finished == prompt, "the healthy client's prompt did not return while another client was not reading");
            Assert.Equal(StopReason.EndTurn, (await prompt).StopReason);

            // Every event reached the healthy client, in order, before the prompt's answer.
            var seqs = healthy.Seqs(session.Id);
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
            Assert.True(healthy.Deltas(session.Id) >= Events, $"the healthy client got {healthy.Deltas(session.Id)} of {Events} deltas");

            // The stalled client is let go once a write to it has waited out the timeout (reading it earlier would
            // unstick it); after what was already in its socket, its stream ends.
            await Wait.UntilAsync(() => daemon.Stderr.Contains("stopped reading", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the daemon to notice the stalled client");
            Assert.True(await stalled.DrainUntilClosedAsync(TimeSpan.FromSeconds(60)), "the daemon kept a client that does not read; its log:\n" + daemon.Stderr);

            // And the session stays usable for the healthy one.
            var again = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "flood" });
            Assert.Equal(StopReason.EndTurn, again.StopReason);
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        }
    }

    [Fact]
    public async Task A_response_never_overtakes_the_events_queued_before_it()
    {
        using var sandbox = new TempDirectory("slow-client-order");
        using var home = await FloodHomeAsync();
        await using var server = new TestServer(home: home.Path);
        // A raw connection sees messages in wire order; a JsonRpc client runs notification handlers on the thread
        // pool, so on a loaded machine its handlers can trail a response that arrived after them.
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync("ordered");
        var created = await raw.CallAsync(1, Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Path, PermissionMode = PermissionMode.Bypass });
        var sessionId = (string)created["result"]!["id"]!;

        await raw.SendAsync(LspFraming.Request(2, Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = "flood" }));
        var seqs = new List<long>();
        var changes = 0;
        while (true)
        {
            var message = await raw.ReceiveAsync(TimeSpan.FromSeconds(90));
            var method = (string?)message["method"];
            if (method is null)
            {
                Assert.Equal("endTurn", (string?)message["result"]?["stopReason"]);
                break;
            }

            if (method == Methods.SessionsEvent && (string?)message["params"]?["sessionId"] == sessionId)
            {
                seqs.Add((long)message["params"]!["seq"]!);
            }
            else if (method == Methods.SessionsChanged)
            {
                changes++;
            }
        }

        // The answer came after the last event of the turn, the status event included, and after every one before it.
        var stored = await raw.CallAsync(3, Methods.SessionsGet, new SessionIdParams { SessionId = sessionId });
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal((long)stored["result"]!["lastSeq"]!, seqs.LastOrDefault());
        Assert.True(changes > 0, "no sessions/changed reached the client");
    }

    private static async Task<RawConnection> ConnectRawAsync(MaestroPaths paths)
    {
        var stream = await DaemonEndpoint.ConnectAsync(paths, TimeSpan.FromSeconds(30), CancellationToken.None) ?? throw new InvalidOperationException("the daemon did not start");
        return new RawConnection(stream, stream);
    }

    /// <summary>A MAESTRO_HOME whose claude-code is the flood stand-in.</summary>
    private static async Task<TempDirectory> FloodHomeAsync()
    {
        var home = new TempDirectory("slow-home");
        var flood = Path.Combine(RepoRoot.Path, "tests", "fixtures", "agents", "flood-claude.mjs");
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", flood, new Dictionary<string, string>
        {
            ["FLOOD_EVENTS"] = Events.ToString(CultureInfo.InvariantCulture),
        });
        return home;
    }

    /// <summary>Collects <c>sessions/event</c> notifications as a plain client would.</summary>
    private sealed class EventCollector
    {
        private readonly ConcurrentQueue<SessionEventNotification> received = new();
        private int changes;

        [JsonRpcMethod(Methods.SessionsEvent)]
        public void OnEvent(SessionEventNotification notification) => received.Enqueue(notification);

        public int Changes => Volatile.Read(ref changes);

        [JsonRpcMethod(Methods.SessionsChanged)]
        public void OnChanged(SessionChangedNotification notification) => Interlocked.Increment(ref changes);

        public List<long> Seqs(string sessionId) => [.. received.Where(n => n.SessionId == sessionId).Select(n => n.Seq)];

        public int Deltas(string sessionId) => received.Count(n => n.SessionId == sessionId && n.Event is MessageDeltaEvent);
    }
}
