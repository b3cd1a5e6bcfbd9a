using System.Diagnostics;
using Maestro.Protocol;
using Maestro.Server.Stats;
using Maestro.Server.Storage;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Microsoft.Extensions.DependencyInjection;
using StreamJsonRpc;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// stats/get over 1,000,000 stored turns (target ≤ 100 ms), and what recording costs a turn (target ≤ 1 %): whole
/// turns of the Claude Code STAND-IN with and without recording, alternated in the same run, and the recorder's own
/// work for one turn (counting its events, storing its row and its rollup) against a whole turn.
/// </summary>
internal sealed class StatsScenario : IBenchScenario
{
    public string Name => "stats";

    public string Description => "stats/get over 1,000,000 turns; recording overhead per turn";

    public async Task RunAsync(BenchContext context)
    {
        var turns = context.Smoke ? 10_000 : 1_000_000;
        using var root = new TempDirectory("bench-stats");
        var home = root.Combine("home");
        Directory.CreateDirectory(home);
        var standIn = ClaudeStandIn.Create(root.Path);
        await MaestroAgentSettings.WriteAsync(home, "claude-code", standIn, new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = root.Path });
        await using var server = new TestServer(home: home);
        var database = server.Services.GetRequiredService<MaestroDatabase>();

        var seedWatch = Stopwatch.StartNew();
        await SeedAsync(database, turns);
        context.Report(Name, $"writing {turns:N0} turns in batches of 50,000 (the rollup kept by its triggers)", seedWatch.Elapsed.TotalSeconds, "s");
        var stats = server.Services.GetRequiredService<StatsService>();

        // Every day of the store (whole days: the rollup), the panel's 14 local days (whole days), and a window that
        // starts mid-day 30 days ago (the rollup plus that first day's turns).
        var now = DateTimeOffset.Now;
        var panelSince = new DateTimeOffset(DateTime.Today.AddDays(-13));
        var windows = new (string Name, StatsGetParams Params)[]
        {
            ("no groupBy", new StatsGetParams()),
            ("groupBy day", new StatsGetParams { GroupBy = StatsGroupBy.Day }),
            ("groupBy agent", new StatsGetParams { GroupBy = StatsGroupBy.Agent }),
            ("groupBy model", new StatsGetParams { GroupBy = StatsGroupBy.Model }),
            ("groupBy project", new StatsGetParams { GroupBy = StatsGroupBy.Project }),
            ("the panel's 14 days, groupBy day", new StatsGetParams { Since = panelSince, GroupBy = StatsGroupBy.Day }),
            ("the panel's 14 days, one agent, groupBy day", new StatsGetParams { Since = panelSince, GroupBy = StatsGroupBy.Day, AgentId = "codex" }),
            ("since 30 days ago mid-day, groupBy agent", new StatsGetParams { Since = now.AddDays(-30), GroupBy = StatsGroupBy.Agent }),
        };
        foreach (var (name, request) in windows)
        {
            await stats.GetAsync(request, CancellationToken.None); // warm the page cache
            var times = new List<double>();
            for (var i = 0; i < context.Iterations(7); i++)
            {
                var watch = Stopwatch.StartNew();
                await stats.GetAsync(request, CancellationToken.None);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            context.Report(Name, $"stats/get over {turns:N0} turns, {name} (median)", Maestro.Bench.Stats.Median(times), "ms", target: 100);
        }

        // Whole turns of the stand-in through the protocol, with and without recording, alternated in the same run
        // (the recorder's bench-only switch), so drift on the shared machine falls on both alike.
        var recorder = server.Services.GetRequiredService<TurnStatsRecorder>();
        var rpc = await server.ConnectInitializedAsync("bench");
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = root.Path });
        await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "warm-up" });
        var withTimes = new List<double>();
        var withoutTimes = new List<double>();
        for (var i = 0; i < context.Iterations(60); i++)
        {
            foreach (var paused in i % 2 == 0 ? new[] { false, true } : [true, false])
            {
                recorder.PausedForBench = paused;
                var watch = Stopwatch.StartNew();
                await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "turn " + i });
                (paused ? withoutTimes : withTimes).Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        recorder.PausedForBench = false;
        var turnWith = Maestro.Bench.Stats.Median(withTimes);
        var turnWithout = Maestro.Bench.Stats.Median(withoutTimes);
        context.Report(Name, "a whole stand-in turn with recording (median)", turnWith, "ms", turnWithout, "the same without recording", target: 1.01);

        // The recorder's own work for one such turn: its events counted, its row stored (awaited, which the pump never does).
        var store = server.Services.GetRequiredService<StatsStore>();
        var recordTimes = new List<double>();
        for (var i = 0; i < context.Iterations(200); i++)
        {
            var turnId = "bench-" + i;
            var watch = Stopwatch.StartNew();
            var seq = 0;
            recorder.Observe(Notification(session.Id, ++seq, new PromptEvent { TurnId = turnId, Text = "x" }));
            for (var d = 0; d < 20; d++)
            {
                recorder.Observe(Notification(session.Id, ++seq, new MessageDeltaEvent { Text = "delta " }));
            }

            recorder.Observe(Notification(session.Id, ++seq, new UsageEvent { Usage = new Usage { InputTokens = 100, OutputTokens = 10, CostUsd = 0.01m } }));
            recorder.Observe(Notification(session.Id, ++seq, new StatusEvent { Status = SessionStatus.Idle, TurnId = turnId, StopReason = StopReason.EndTurn }));
            await store.SettledAsync();
            recordTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        var recording = Maestro.Bench.Stats.Median(recordTimes);
        context.Report(Name, "recording one turn (count 23 events, store the row and its rollup), median", recording, "ms", turnWith, "whole stand-in turn", target: 0.01);
        rpc.Dispose();
    }

    private static SessionEventNotification Notification(string sessionId, long seq, SessionEvent e)
        => new() { SessionId = sessionId, Seq = seq, Time = DateTimeOffset.UtcNow, Event = e };

    /// <summary>
    /// Turns spread over 400 days in 100,000 sessions of 10 turns, 4 agents, 3 models and 20 projects (a session keeps
    /// its own), written straight into turn_stats (its triggers keep the per-day rollup, as for every recorded turn).
    /// </summary>
    private static async Task SeedAsync(MaestroDatabase database, int turns)
    {
        const int Batch = 50_000;
        var start = DateTimeOffset.UtcNow.AddDays(-400).ToUnixTimeMilliseconds();
        for (var from = 0; from < turns; from += Batch)
        {
            var first = from;
            await database.WriteAsync(
                async (c, t) =>
                {
                    using var command = c.CreateCommand();
                    command.Transaction = t;
                    command.CommandText = """
                        INSERT INTO turn_stats (session_id, turn_id, agent_id, model, project, started_ms, ended_ms, day, wall_ms, busy_ms,
                            input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano, cost_known, stop_reason)
                        VALUES ($s, $t, $a, $m, $p, $start, $end, date($end / 1000, 'unixepoch', 'localtime'), 30000, 25000, 1200, 80, 0, 0, $cost, 1, 'endTurn');
                        """;
                    var s = command.Parameters.Add("$s", Microsoft.Data.Sqlite.SqliteType.Text);
                    var turnId = command.Parameters.Add("$t", Microsoft.Data.Sqlite.SqliteType.Text);
                    var a = command.Parameters.Add("$a", Microsoft.Data.Sqlite.SqliteType.Text);
                    var m = command.Parameters.Add("$m", Microsoft.Data.Sqlite.SqliteType.Text);
                    var p = command.Parameters.Add("$p", Microsoft.Data.Sqlite.SqliteType.Text);
                    var started = command.Parameters.Add("$start", Microsoft.Data.Sqlite.SqliteType.Integer);
                    var ended = command.Parameters.Add("$end", Microsoft.Data.Sqlite.SqliteType.Integer);
                    var cost = command.Parameters.Add("$cost", Microsoft.Data.Sqlite.SqliteType.Integer);
                    for (var i = first; i < Math.Min(first + Batch, turns); i++)
                    {
                        var end = start + ((long)i * 400 * 86_400_000 / turns);
                        s.Value = "s_" + (i / 10).ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
                        turnId.Value = "t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        // A session keeps its agent, model and folder, as real ones do.
                        var sessionIndex = i / 10;
                        a.Value = (sessionIndex % 4) switch { 0 => "claude-code", 1 => "codex", 2 => "opencode", _ => "gemini" };
                        m.Value = (sessionIndex % 3) switch { 0 => "sonnet", 1 => "opus", _ => "haiku" };
                        p.Value = "/home/dev/project-" + (sessionIndex % 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        started.Value = end - 30_000;
                        ended.Value = end;
                        cost.Value = 10_000_000 + (i % 1000);
                        await command.ExecuteNonQueryAsync();
                    }

                    return 0;
                },
                CancellationToken.None);
        }
    }
}
