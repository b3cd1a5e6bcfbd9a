using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Storage;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Sessions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Stats;

/// <summary>
/// <c>stats/outages</c> after real outages of the real Claude Code CLI (the scripted model server answers 529; time is
/// a <see cref="FakeTimeProvider"/>): one bridged over 90 s, one stopped. Counted exactly by the recorder, the same
/// again when back-filled from the stored outage events by migration 9, and printed by <c>maestro stats</c>.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class OutageStatsTests : RealClaudeTestBase
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 23, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);

    protected override string SandboxName => "outage-stats";

    [Fact]
    public async Task A_bridged_and_a_stopped_outage_count_exactly_per_agent_and_day_back_filled_alike_and_maestro_stats_prints_them()
    {
        var environment = ClaudeCodeCli.Environment(Sandbox, Model.BaseUrl);
        environment["CLAUDE_CODE_MAX_RETRIES"] = "0"; // Maestro's resends are under test, not Claude Code's
        await MaestroAgentSettings.WriteAsync(Home.Path, AgentId, AgentClis.Claude, environment);

        StatsOutagesResult recorded;
        await using (var server = new TestServer(home: Home.Path, services: s => s.AddSingleton<TimeProvider>(time)))
        {
            var recorder = new EventRecorder();
            using var rpc = await server.ConnectInitializedAsync("outage-stats", recorder);
            var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = AgentId, Cwd = Sandbox.Repo, PermissionMode = PermissionMode.Bypass });

            // Bridged: 529, 529 (after 30 s), served after 1 more minute: 90 s of downtime covered.
            Model.FailNext(2, ServerFault.Overloaded);
            Model.EnqueueTurn(ScriptStep.Text("Served after the storm."));
            var bridged = Prompt(rpc, session, "First");
            await Wait.UntilAsync(() => Outages(recorder, session).Count == 1, what: "the first outage to open");
            time.Advance(TimeSpan.FromSeconds(30));
            await Wait.UntilAsync(() => Outages(recorder, session)[^1].Attempts == 2, what: "the first resend to fail");
            time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(StopReason.EndTurn, (await bridged).StopReason);

            // Stopped, 10 s later: 529, then Stop.
            time.Advance(TimeSpan.FromSeconds(10));
            Model.FailNext(1, ServerFault.Overloaded);
            var stopped = Prompt(rpc, session, "Second");
            await Wait.UntilAsync(() => Outages(recorder, session).Select(o => o.OutageId).Distinct().Count() == 2, what: "the second outage to open");
            await rpc.InvokeWithParameterObjectAsync<object?>(Methods.SessionsCancel, new SessionIdParams { SessionId = session.Id });
            Assert.Equal(StopReason.Cancelled, (await stopped).StopReason);

            recorded = await OutageStatsAsync(rpc, new StatsOutagesParams());
            var expected = new OutageTotals { Outages = 2, Bridged = 1, Stopped = 1, FailedOver = 0, DowntimeCoveredMs = 90_000, RecoveryRate = 0.5 };
            Assert.Equal(expected, recorded.Totals);
            var agent = Assert.Single(recorded.ByAgent);
            Assert.Equal(("claude-code", expected), (agent.Key, agent.Totals));
            var day = Assert.Single(recorded.ByDay);
            Assert.Equal((LocalDay(Start.AddSeconds(90)), expected), (day.Key, day.Totals));

            // The window is on the closing time: before the first outage closed there is none, after it only the stopped one.
            var before = await OutageStatsAsync(rpc, new StatsOutagesParams { Until = Start.AddSeconds(90) });
            Assert.Equal(new OutageTotals(), before.Totals);
            Assert.Empty(before.ByAgent);
            var after = await OutageStatsAsync(rpc, new StatsOutagesParams { Since = Start.AddSeconds(95) });
            Assert.Equal(new OutageTotals { Outages = 1, Stopped = 1, RecoveryRate = 0 }, after.Totals);
        }

        // Make the store as an older Maestro left it (no outages table): migration 9 runs again and back-fills it
        // from the stored outage events, to the same counts.
        await SchemaRewind.ToAsync(Path.Combine(Home.Path, "maestro.db"), 8);

        await using (var server = new TestServer(home: Home.Path, services: s => s.AddSingleton<TimeProvider>(time)))
        {
            using var rpc = await server.ConnectInitializedAsync("back-filled");
            var backFilled = await OutageStatsAsync(rpc, new StatsOutagesParams());
            Assert.Equal(recorded.Totals, backFilled.Totals);
            Assert.Equal(recorded.ByAgent, backFilled.ByAgent);
            Assert.Equal(recorded.ByDay, backFilled.ByDay);
        }

        // maestro stats adds the outage lines; maestro stats outages --json is the stats/outages result.
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "stats");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Provider outages:    2 outages, 1 bridged (50 %), 1m 30s downtime covered", stdout, StringComparison.Ordinal);
        Assert.Contains("  claude-code        2 outages, 1 bridged (50 %), 1m 30s downtime covered", stdout, StringComparison.Ordinal);
        (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "stats", "outages", "--json");
        Assert.True(exit == 0, stderr);
        var printed = JsonSerializer.Deserialize<StatsOutagesResult>(stdout, MaestroJson.CreateOptions())!;
        Assert.Equal(recorded.Totals, printed.Totals);
        Assert.Equal(recorded.ByDay, printed.ByDay);
    }

    private static string LocalDay(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<SessionPromptResult> Prompt(JsonRpc rpc, Session session, string text)
        => rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = text });

    private static Task<StatsOutagesResult> OutageStatsAsync(JsonRpc rpc, StatsOutagesParams request)
        => rpc.InvokeWithParameterObjectAsync<StatsOutagesResult>(Methods.StatsOutages, request);

    private static List<OutageEvent> Outages(EventRecorder recorder, Session session)
        => [.. recorder.For(session.Id).Select(e => e.Event).OfType<OutageEvent>()];
}
