namespace Maestro.Bench.Scenarios;

/// <summary>
/// Issue 13's figures, through a real daemon process with one stalled client attached (see <see cref="DaemonStreaming"/>):
/// idle memory, events/s from agent stdout to a client, latency at a steady pace, memory after a huge agent line.
/// </summary>
internal sealed class DaemonScenario : IBenchScenario
{
    public string Name => "daemon";

    public string Description => "daemon with a stalled client: throughput, latency, memory";

    public async Task RunAsync(BenchContext context)
    {
        const int sessions = 16;
        var idle = await DaemonStreaming.IdleAsync();
        context.Report(Name, "idle daemon RSS (started, one initialize)", idle.RssMegabytes, "MB", target: 60);

        var perSession = context.Smoke ? 2000 : 20000;
        var pipes = await DaemonStreaming.PlainPipesAsync(sessions, perSession);
        var flood = await DaemonStreaming.RunAsync(sessions, perSession, paceEventsPerSecond: 0);
        context.Report(Name, $"{sessions} flood agents read through plain pipes, nothing else: lines/s", pipes, "lines/s");
        context.Report(Name, $"daemon, {sessions} sessions flooding, 1 stalled client: events/s agent stdout → client", flood.EventsPerSecond, "events/s (≥ 200,000)", pipes, "plain pipes");
        context.Report(Name, "  daemon CPU time per event under that flood (user + system)", flood.DaemonCpuMicrosecondsPerEvent, "µs");
        context.Report(Name, "  daemon peak RSS (VmHWM) under that flood", flood.Memory.PeakMegabytes, "MB", target: 300);

        var paced = await DaemonStreaming.RunAsync(sessions, context.Smoke ? 500 : 5000, paceEventsPerSecond: 1000);
        context.Report(Name, $"daemon, event latency p99 with 1 stalled client ({sessions} sessions at 1,000 events/s each)", paced.Recorder.LatencyPercentile(99), "ms", target: 5);
        context.Report(Name, "  same, median", paced.Recorder.LatencyPercentile(50), "ms");
        context.Report(Name, "  daemon CPU time per event at that pace (user + system)", paced.DaemonCpuMicrosecondsPerEvent, "µs");

        var huge = await DaemonStreaming.RunAsync(1, 10, paceEventsPerSecond: 0, hugeLineBytes: (context.Smoke ? 20 : 100) * 1024 * 1024);
        context.Report(Name, $"daemon peak RSS (VmHWM) after one {(context.Smoke ? 20 : 100)} MB agent line", huge.Memory.PeakMegabytes, "MB", target: 300);
    }
}
