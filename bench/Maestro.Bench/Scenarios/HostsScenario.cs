using System.Diagnostics;
using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Hardening;
using Maestro.TestSupport.Ssh;
using StreamJsonRpc;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// Issue 24's figures: a session on an SSH host (a loopback sshd, the host's own daemon with its own MAESTRO_HOME)
/// driven through the local daemon, beside a session of the local daemon and the same turn sent to the host's daemon
/// directly, in the same run. The agent is the paced flood STAND-IN for Claude Code (tests/fixtures/agents/flood-claude.mjs),
/// which stamps each delta with its print time.
/// </summary>
internal sealed class HostsScenario : IBenchScenario
{
    private const int Pace = 2000;

    public string Name => "hosts";

    public string Description => "a session on an SSH host through the local daemon: event latency, turn overhead";

    public async Task RunAsync(BenchContext context)
    {
        if (LoopbackSshd.Unavailable is { } why)
        {
            Console.WriteLine($"| {Name} | skipped: {why} | | | | |");
            return;
        }

        var perTurn = context.Smoke ? 200 : 1000;
        var turns = context.Iterations(10);
        await using var sshd = await LoopbackSshd.StartAsync();
        using var sandbox = new TempDirectory("bench-hosts-cwd");
        using var home = new TempDirectory("bench-hosts-mh");
        var remoteHome = Path.Combine(sshd.RemoteHome, ".maestro");
        Directory.CreateDirectory(remoteHome);
        File.CreateSymbolicLink(Path.Combine(sshd.RemoteBin, "maestro"), Path.GetFullPath(MaestroBinary.Path));
        var flood = new Dictionary<string, string>
        {
            ["FLOOD_EVENTS"] = perTurn.ToString(CultureInfo.InvariantCulture),
            ["FLOOD_RATE"] = Pace.ToString(CultureInfo.InvariantCulture),
        };
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", DaemonStreaming.Flood, flood);
        await MaestroAgentSettings.WriteAsync(remoteHome, "claude-code", DaemonStreaming.Flood, flood);

        await using var daemon = MaestroProcess.Start(home.Path, new Dictionary<string, string> { ["MAESTRO_SSH_CONFIG"] = sshd.ClientConfig }, "daemon");
        var paths = new MaestroPaths(home.Path);
        try
        {
            string local, remote;
            using (var admin = await DaemonClient.ConnectAsync(paths, "bench-admin"))
            {
                await admin.InvokeWithParameterObjectAsync<HostInfo>(Methods.HostsAdd, new HostAddParams { Name = "box", Destination = sshd.Destination, Env = new Dictionary<string, string> { ["MAESTRO_DAEMON_IDLE_SECONDS"] = "60" } });
                local = (await admin.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Path, PermissionMode = PermissionMode.Bypass })).Id;
                remote = (await admin.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Path, PermissionMode = PermissionMode.Bypass, Host = "box" })).Id;

                // One turn each first, so neither side's figures carry the daemons' first-turn start-up (JIT, agent detection).
                foreach (var id in (string[])[local, remote])
                {
                    await admin.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "warm up" });
                }
            }

            // Event latency: agent stdout → client, at the same pace, for a session here and one on the host.
            var localLatency = await LatencyAsync(paths, local, perTurn, turns);
            var hostLatency = await LatencyAsync(paths, remote, perTurn, turns);
            var rtt = await RoundTripAsync(paths, local, remote, context.Iterations(200));
            context.Report(Name, $"event latency p99, host session through the ssh relay ({Pace} events/s)", hostLatency.Percentile99, "ms", localLatency.Percentile99, "local session", target: ((2 * localLatency.Percentile99) + rtt) / Math.Max(localLatency.Percentile99, 0.001));
            context.Report(Name, "  same, median", hostLatency.Median, "ms", localLatency.Median, "local session");
            context.Report(Name, "  the link's round trip (sessions/get via the relay minus local), median", rtt, "ms");

            // Turn overhead: the same turn sent to the host's daemon directly (its socket, as a client on the host).
            var relayed = await TurnsAsync(paths, remote, turns);
            var direct = await TurnsAsync(new MaestroPaths(remoteHome), remote, turns);
            context.Report(Name, $"turn time, host session through the relay ({perTurn} events at {Pace}/s), median", relayed, "ms", direct, "same turn on the host directly", target: 1.05);
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
            await MaestroProcess.RunAsync(remoteHome, "daemon", "--stop");
        }
    }

    private static async Task<(double Percentile99, double Median)> LatencyAsync(MaestroPaths paths, string sessionId, int perTurn, int turns)
    {
        var recorder = new StreamRecorder();
        using var rpc = await DaemonClient.ConnectAsync(paths, "bench-latency", recorder, new ClientCapabilities { BatchedEvents = true });
        for (var i = 0; i < turns; i++)
        {
            await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = "flood" });
        }

        await Wait.UntilAsync(() => recorder.Deltas >= perTurn * turns, TimeSpan.FromMinutes(2), "every delta");
        return (recorder.LatencyPercentile(99), recorder.LatencyPercentile(50));
    }

    private static async Task<double> TurnsAsync(MaestroPaths paths, string sessionId, int turns)
    {
        using var rpc = await DaemonClient.ConnectAsync(paths, "bench-turns", null, new ClientCapabilities { BatchedEvents = true });
        var times = new List<double>();
        for (var i = 0; i < turns; i++)
        {
            var watch = Stopwatch.StartNew();
            await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = "flood" });
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return Stats.Median(times);
    }

    private static async Task<double> RoundTripAsync(MaestroPaths paths, string local, string remote, int count)
    {
        using var rpc = await DaemonClient.ConnectAsync(paths, "bench-rtt");
        async Task<double> MedianAsync(string id)
        {
            var times = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var watch = Stopwatch.StartNew();
                await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = id });
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            return Stats.Median(times);
        }

        return Math.Max(0, await MedianAsync(remote) - await MedianAsync(local));
    }
}
