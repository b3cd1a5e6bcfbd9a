using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Hardening;
using StreamJsonRpc;
using Xunit.Abstractions;

namespace Maestro.Server.Tests.Rpc;

/// <summary>
/// The load suite (issue 13, "Suites that stay"): 32 sessions streaming at once to three clients of a real daemon, one
/// of which never reads. The two healthy clients get every event of every session, in order. Latency and the daemon's
/// memory are reported, not asserted (the machine is shared), apart from a generous memory bound.
/// The agent is the flood STAND-IN for Claude Code (tests/fixtures/agents/flood-claude.mjs), paced like token output.
/// Short mode: 200 events per session. MAESTRO_LONG_TESTS=1: 5,000 per session.
/// </summary>
public sealed class LoadTests
{
    private const int Sessions = 32;
    private const int EventsPerSecondPerSession = 1000;
    private const double MemoryBoundMegabytes = 400;

    private readonly ITestOutputHelper output;

    public LoadTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public async Task Thirty_two_streaming_sessions_reach_both_healthy_clients_in_order_beside_a_stalled_one()
    {
        var perSession = LongTests.Pick(200, 5000);
        using var sandbox = new TempDirectory("load");
        using var home = new TempDirectory("load-home");
        var flood = Path.Combine(RepoRoot.Path, "tests", "fixtures", "agents", "flood-claude.mjs");
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", flood, new Dictionary<string, string>
        {
            ["FLOOD_EVENTS"] = LongTests.Text(perSession),
            ["FLOOD_RATE"] = LongTests.Text(EventsPerSecondPerSession),
        });
        await using var daemon = MaestroProcess.Start(home.Path, new Dictionary<string, string> { ["MAESTRO_CLIENT_WRITE_TIMEOUT_SECONDS"] = "10" }, "daemon");
        var paths = new MaestroPaths(home.Path);
        try
        {
            await using var stalled = await DaemonClient.ConnectRawAsync(paths);
            await stalled.InitializeAsync("stalled");
            var first = new StreamRecorder();
            var second = new StreamRecorder();
            // Both take batches: 32 sessions x 1,000 events/s is more one-message-per-event notifications than a client
            // decodes on a loaded 2-core machine, and such a client is rightly dropped as lagging (seen in the long mode).
            using var one = await DaemonClient.ConnectAsync(paths, "healthy-1", first, new ClientCapabilities { BatchedEvents = true });
            using var two = await DaemonClient.ConnectAsync(paths, "healthy-2", second, new ClientCapabilities { BatchedEvents = true });
            var idle = ProcessMemory.Read(daemon.Process.Id);

            var ids = new List<string>();
            for (var i = 0; i < Sessions; i++)
            {
                var session = await one.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Path, PermissionMode = PermissionMode.Bypass });
                ids.Add(session.Id);
            }

            // Half the prompts from each healthy client: both start turns while the other streams.
            var prompts = ids.Select((id, i) => (i % 2 == 0 ? one : two).InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "flood" }));
            var results = await Task.WhenAll(prompts).WaitAsync(TimeSpan.FromMinutes(LongTests.Pick(3, 10)));
            Assert.All(results, r => Assert.Equal(StopReason.EndTurn, r.StopReason));

            foreach (var id in ids)
            {
                var stored = await one.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = id });
                Assert.True(stored.LastSeq >= perSession, $"session {id} stored {stored.LastSeq} events for {perSession} deltas");
                foreach (var (name, recorder) in new[] { ("healthy-1", first), ("healthy-2", second) })
                {
                    await Wait.UntilAsync(() => recorder.LastSeq(id) >= stored.LastSeq, TimeSpan.FromSeconds(60), $"{name} to get every event of {id}");
                    Assert.Equal(Enumerable.Range(1, (int)stored.LastSeq).Select(s => (long)s), recorder.Seqs(id));
                }
            }

            // The stalled client really held a write up: the daemon cut it off (queue full or write timeout) rather than
            // wait for it, which is what let the two healthy clients above get everything.
            // Reading it before the daemon gave up on it would unstick it, so wait for the daemon to say so first.
            await Wait.UntilAsync(() => daemon.Stderr.Contains("stopped reading", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the daemon to let the stalled client go");
            Assert.True(await stalled.DrainUntilClosedAsync(TimeSpan.FromSeconds(60)), "the stalled client was never disconnected: it did not stall anything; the daemon's connection log:\n" + string.Join('\n', daemon.Stderr.Split('\n').Where(l => l.Contains("Connection", StringComparison.Ordinal) || l.Contains("stopped reading", StringComparison.Ordinal))));

            var loaded = ProcessMemory.Read(daemon.Process.Id);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mode {LongTests.Mode}: {Sessions} sessions x {perSession} deltas at {EventsPerSecondPerSession}/s each, 3 clients (1 stalled)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency agent stdout -> client: p50 {first.LatencyPercentile(50):F2} ms, p99 {first.LatencyPercentile(99):F2} ms (client 1); p99 {second.LatencyPercentile(99):F2} ms (client 2)"));
            output.WriteLine($"daemon memory after initialize: {idle}");
            output.WriteLine($"daemon memory after the load: {loaded}");
            Assert.True(loaded.PeakMegabytes < MemoryBoundMegabytes, $"the daemon peaked at {loaded.PeakMegabytes:F0} MB");
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        }
    }
}
