using System.Diagnostics;
using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Hardening;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// Streaming through a real daemon process over its socket, the way editors use Maestro, with one client attached that
/// initialized and never reads again (issue 13's figures are taken with such a client). The agents are the flood
/// STAND-IN for Claude Code (tests/fixtures/agents/flood-claude.mjs).
/// </summary>
internal static class DaemonStreaming
{
    /// <param name="DaemonCpuMicrosecondsPerEvent">The daemon's CPU time (user + system) over the turns, per event: what each event costs
    /// Maestro whatever else runs on the machine.</param>
    public sealed record Result(double EventsPerSecond, StreamRecorder Recorder, ProcessMemory Memory, double DaemonCpuMicrosecondsPerEvent);

    /// <summary>Runs one turn in each of <paramref name="sessions"/> sessions at once and waits for every delta.</summary>
    public static async Task<Result> RunAsync(int sessions, int perSession, int paceEventsPerSecond, int hugeLineBytes = 0)
    {
        using var sandbox = new TempDirectory("bench-daemon-flood");
        using var home = new TempDirectory("bench-daemon-mh");
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", Flood, new Dictionary<string, string>
        {
            ["FLOOD_EVENTS"] = perSession.ToString(CultureInfo.InvariantCulture),
            ["FLOOD_RATE"] = paceEventsPerSecond.ToString(CultureInfo.InvariantCulture),
            ["FLOOD_HUGE_LINE_BYTES"] = hugeLineBytes.ToString(CultureInfo.InvariantCulture),
        });
        await using var daemon = MaestroProcess.Start(home.Path, new Dictionary<string, string> { ["MAESTRO_CLIENT_WRITE_TIMEOUT_SECONDS"] = "2" }, "daemon");
        var paths = new MaestroPaths(home.Path);
        try
        {
            await using var stalled = await DaemonClient.ConnectRawAsync(paths);
            await stalled.InitializeAsync("stalled");
            var recorder = new StreamRecorder();
            using var rpc = await DaemonClient.ConnectAsync(paths, "bench", recorder, new ClientCapabilities { BatchedEvents = true });
            var ids = new List<string>();
            for (var i = 0; i < sessions; i++)
            {
                ids.Add((await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Path, PermissionMode = PermissionMode.Bypass })).Id);
            }

            var cpuBefore = daemon.Process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(ids.Select(id => rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "flood" })));
            await Wait.UntilAsync(() => recorder.Deltas >= perSession * sessions, TimeSpan.FromMinutes(5), "every delta");
            var rate = recorder.Deltas / watch.Elapsed.TotalSeconds;
            daemon.Process.Refresh();
            var cpuPerEvent = (daemon.Process.TotalProcessorTime - cpuBefore).TotalMicroseconds / recorder.Deltas;
            return new Result(rate, recorder, ProcessMemory.Read(daemon.Process.Id), cpuPerEvent);
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        }
    }

    /// <summary>
    /// The baseline: the same agents started at once, their stdout read line by line through plain pipes, nothing
    /// else. It pays the same 16 process starts as the daemon run, so the ratio is Maestro's own cost.
    /// </summary>
    public static async Task<double> PlainPipesAsync(int sessions, int perSession)
    {
        var watch = Stopwatch.StartNew();
        var lines = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            var info = new ProcessStartInfo(Flood) { RedirectStandardOutput = true, UseShellExecute = false };
            info.Environment["FLOOD_EVENTS"] = perSession.ToString(CultureInfo.InvariantCulture);
            using var plain = Process.Start(info)!;
            var count = 0;
            while (await plain.StandardOutput.ReadLineAsync() is not null)
            {
                count++;
            }

            await plain.WaitForExitAsync();
            return count - 2; // the init and result lines are not deltas
        }));
        return lines.Sum() / watch.Elapsed.TotalSeconds;
    }

    /// <summary>A daemon that just started and answered one <c>initialize</c>.</summary>
    public static async Task<ProcessMemory> IdleAsync()
    {
        using var home = new TempDirectory("bench-daemon-idle");
        await using var daemon = MaestroProcess.Start(home.Path, "daemon");
        var paths = new MaestroPaths(home.Path);
        try
        {
            await using var client = await DaemonClient.ConnectRawAsync(paths);
            await client.InitializeAsync("idle");
            return ProcessMemory.Read(daemon.Process.Id);
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        }
    }

    /// <summary>The flood STAND-IN for Claude Code (tests/fixtures/agents/flood-claude.mjs).</summary>
    internal static string Flood => Path.Combine(RepoRoot.Path, "tests", "fixtures", "agents", "flood-claude.mjs");
}
