using System.Diagnostics;
using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Sessions;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Microsoft.Extensions.DependencyInjection;
using StreamJsonRpc;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// Sessions: a real Claude Code turn through Maestro against the same command run directly; event streaming
/// from 16 agents to a client against the same bytes through a plain pipe; the first history page of a huge session.
/// </summary>
internal sealed class SessionsScenario : IBenchScenario
{
    public string Name => "sessions";

    public string Description => "turn overhead vs claude -p, streaming rate and latency, history paging";

    public async Task RunAsync(BenchContext context)
    {
        await OverheadAsync(context);
        await StreamingAsync(context);
        await HistoryAsync(context);
    }

    private async Task OverheadAsync(BenchContext context)
    {
        await using var model = await ScriptedModelServer.StartAsync();
        using var sandbox = await AgentSandbox.CreateAsync("bench-overhead");
        using var home = new TempDirectory("bench-mh");
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", AgentClis.Claude, ClaudeCodeCli.Environment(sandbox, model.BaseUrl));
        await using var server = new TestServer(home: home.Path);
        using var rpc = await server.ConnectInitializedAsync("bench");
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Repo, PermissionMode = PermissionMode.Bypass });

        var direct = new List<double>();
        var through = new List<double>();
        string? resume = null;
        for (var i = 0; i < context.Iterations(6) + 1; i++)
        {
            model.EnqueueTurn(ScriptStep.Text("ok"));
            var watch = Stopwatch.StartNew();
            var result = await ClaudeCodeCli.RunAsync(sandbox, model.BaseUrl, "turn " + i, resume);
            var directMs = watch.Elapsed.TotalMilliseconds;
            resume ??= result.OfType("result").Select(r => r["session_id"]?.GetValue<string>()).FirstOrDefault();

            model.EnqueueTurn(ScriptStep.Text("ok"));
            watch.Restart();
            await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "turn " + i });
            var throughMs = watch.Elapsed.TotalMilliseconds;
            if (i > 0)
            {
                // The first pair warms caches on both sides.
                direct.Add(directMs);
                through.Add(throughMs);
            }
        }

        var baseline = Stats.Median(direct);
        context.Report(Name, "`claude -p` turn run directly (median)", baseline, "ms");
        context.Report(Name, "the same turn through Maestro `sessions/prompt` (median)", Stats.Median(through), "ms", baseline, "claude -p", 1.10);
    }

    private async Task StreamingAsync(BenchContext context)
    {
        var perSession = context.Smoke ? 2000 : 20000;
        const int sessions = 16;
        var flood = Path.Combine(RepoRoot.Path, "tests", "fixtures", "agents", "flood-claude.mjs");

        // Throughput: every agent floods as fast as it can. Latency: every agent streams at a steady pace
        // (1,000 events/s each, 16,000/s in all), as agents printing tokens do; a flood measures queueing.
        var (rate, _) = await StreamAsync(flood, sessions, perSession, paceEventsPerSecond: 0);
        var (_, latency) = await StreamAsync(flood, sessions, context.Smoke ? 500 : 5000, paceEventsPerSecond: 1000);

        // Baseline: the same agent's bytes through a plain pipe, read line by line.
        var pipeWatch = Stopwatch.StartNew();
        var lines = 0;
        var info = new ProcessStartInfo(flood) { RedirectStandardOutput = true, UseShellExecute = false };
        info.Environment["FLOOD_EVENTS"] = (perSession * sessions).ToString(CultureInfo.InvariantCulture);
        using (var plain = Process.Start(info)!)
        {
            while (await plain.StandardOutput.ReadLineAsync() is not null)
            {
                lines++;
            }

            await plain.WaitForExitAsync();
        }

        var pipeRate = lines / pipeWatch.Elapsed.TotalSeconds;
        context.Report(Name, $"{sessions} sessions flooding: events/s agent stdout → client (taking sessions/events batches)", rate, "events/s", pipeRate, "plain pipe");
        context.Report(Name, "  same, absolute target", rate, "events/s (≥ 50,000)");
        context.Report(Name, $"event latency p99, agent stdout → client ({sessions} sessions at 1,000 events/s each)", latency.Percentile(99), "ms", target: 10);
        context.Report(Name, "event latency median, same", latency.Percentile(50), "ms");
        using var self = Process.GetCurrentProcess();
        context.Report(Name, "process RSS with 16 streamed sessions (server + client + bench in one process)", self.WorkingSet64 / (1024.0 * 1024.0), "MB", target: 200);
    }

    private static async Task<(double Rate, LatencyRecorder Latency)> StreamAsync(string flood, int sessions, int perSession, int paceEventsPerSecond)
    {
        using var sandbox = new TempDirectory("bench-flood");
        using var home = new TempDirectory("bench-mh");
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", flood, new Dictionary<string, string>
        {
            ["FLOOD_EVENTS"] = perSession.ToString(CultureInfo.InvariantCulture),
            ["FLOOD_RATE"] = paceEventsPerSecond.ToString(CultureInfo.InvariantCulture),
        });

        await using var server = new TestServer(home: home.Path);
        var receiver = new LatencyRecorder();
        using var rpc = await server.ConnectInitializedAsync("bench-stream", receiver, new ClientCapabilities { BatchedEvents = true });
        var ids = new List<string>();
        for (var i = 0; i < sessions; i++)
        {
            ids.Add((await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Path, PermissionMode = PermissionMode.Bypass })).Id);
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(id => rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "flood" })));
        await Wait.UntilAsync(() => receiver.Deltas >= perSession * sessions, TimeSpan.FromMinutes(5), "every delta");
        return (receiver.Deltas / watch.Elapsed.TotalSeconds, receiver);
    }

    private async Task HistoryAsync(BenchContext context)
    {
        var big = context.Smoke ? 10_000 : 1_000_000;
        await using var server = new TestServer();
        var store = server.Services.GetRequiredService<SessionStore>();
        var small = await SeedAsync(store, "s_small", 1_000);
        var large = await SeedAsync(store, "s_large", big);
        using var rpc = await server.ConnectInitializedAsync("bench-history");
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var before = self.WorkingSet64;

        var smallTimes = new List<double>();
        var largeTimes = new List<double>();
        for (var i = 0; i < context.Iterations(20); i++)
        {
            smallTimes.Add(await FirstPageAsync(rpc, small));
            largeTimes.Add(await FirstPageAsync(rpc, large));
        }

        self.Refresh();
        var baseline = Stats.Median(smallTimes);
        context.Report(Name, "first history page (500 events) of a 1,000-event session (median)", baseline, "ms");
        context.Report(Name, $"first history page (500 events) of a {big:N0}-event session (median)", Stats.Median(largeTimes), "ms", baseline, "1,000-event session", target: null);
        context.Report(Name, "  same, absolute target", Stats.Median(largeTimes), "ms", target: 50);
        context.Report(Name, "RSS growth while paging the large session", (self.WorkingSet64 - before) / (1024.0 * 1024.0), "MB");
    }

    private static async Task<double> FirstPageAsync(JsonRpc rpc, string sessionId)
    {
        var watch = Stopwatch.StartNew();
        var page = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = sessionId, Limit = 500 });
        if (page.Events.Count != 500)
        {
            throw new InvalidOperationException("short page");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<string> SeedAsync(SessionStore store, string id, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var session = new Session { Id = id, Name = id, AgentId = "claude-code", Cwd = "/tmp", Status = SessionStatus.Idle, CreatedAt = now, UpdatedAt = now, Usage = Usage.Zero };
        await store.InsertAsync(session, CancellationToken.None);
        const int batch = 20_000;
        for (var start = 0; start < count; start += batch)
        {
            var events = Enumerable.Range(start + 1, Math.Min(batch, count - start))
                .Select(seq => new SessionEventNotification { SessionId = id, Seq = seq, Time = now, Event = new MessageDeltaEvent { Text = "token " + seq } })
                .ToList();
            session = session with { LastSeq = events[^1].Seq };
            await store.AppendAsync(session, events, CancellationToken.None);
        }

        return id;
    }

    /// <summary>Counts streamed deltas and how long each took from the agent's stdout to this client.</summary>
    private sealed class LatencyRecorder
    {
        private readonly List<double> latencies = [];
        private int deltas;

        public int Deltas => Volatile.Read(ref deltas);

        [JsonRpcMethod(Methods.SessionsEvents)]
        public void OnEvents(SessionEventsNotification notification)
        {
            foreach (var e in notification.Events)
            {
                OnEvent(e);
            }
        }

        [JsonRpcMethod(Methods.SessionsEvent)]
        public void OnEvent(SessionEventNotification notification)
        {
            if (notification.Event is MessageDeltaEvent delta && double.TryParse(delta.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var printedAt))
            {
                var latency = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds - printedAt;
                lock (latencies)
                {
                    latencies.Add(latency);
                }

                Interlocked.Increment(ref deltas);
            }
        }

        public double Percentile(double p)
        {
            lock (latencies)
            {
                return Stats.Percentile(latencies, p);
            }
        }
    }
}
