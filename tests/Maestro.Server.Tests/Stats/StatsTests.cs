using System.Globalization;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Storage;
using Maestro.Server.Tests.Playbooks;
using Maestro.TestSupport;
using Maestro.TestSupport.Storage;
using Maestro.TestSupport.Agents;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Stats;

/// <summary>
/// Stats over real turns and runs, with the Claude Code STAND-IN script as the agent: every turn of it reports
/// 100 input and 10 output tokens and $0.01 ("(costly)" tasks $1), so every total is known exactly.
/// </summary>
public sealed class StatsTests : IAsyncLifetime
{
    private StandInRunFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = new StandInRunFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    private async Task<(TestServer Server, JsonRpc Rpc, StatsClientRecorder Recorder)> ConnectAsync()
    {
        var server = new TestServer(home: fixture.Home);
        var recorder = new StatsClientRecorder();
        var rpc = await server.ConnectInitializedAsync("stats", recorder);
        return (server, rpc, recorder);
    }

    private static Task<StatsResult> StatsAsync(JsonRpc rpc, StatsGroupBy? groupBy = null, DateTimeOffset? since = null)
        => rpc.InvokeWithParameterObjectAsync<StatsResult>(Methods.StatsGet, new StatsGetParams { GroupBy = groupBy, Since = since });

    private static async Task<Session> PromptAsync(JsonRpc rpc, string cwd, string text)
    {
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = cwd });
        await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = text });
        return session;
    }

    [Fact]
    public async Task A_run_and_two_prompts_give_the_exact_totals_per_agent_day_and_project_and_the_leaderboard_ranks_the_run()
    {
        var doc = fixture.Write("p.md", "- [ ] One\n- [ ] Two (costly)\n- [ ] Three\n");
        var (server, rpc, recorder) = await ConnectAsync();
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder.Runs, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });
        Assert.Equal(RunOutcome.Done, run.Outcome);
        await PromptAsync(rpc, fixture.Repo, "hello");
        await PromptAsync(rpc, fixture.Repo, "again");

        // 5 turns: 4 × $0.01 + $1, 100 in and 10 out each; the run's 3 tasks are done.
        var expected = new StatsTotals { Sessions = 5, Turns = 5, InputTokens = 500, OutputTokens = 50, CostUsd = 1.04m, TasksDone = 3 };
        var all = await StatsAsync(rpc);
        Assert.Equal(expected, all.Totals with { RuntimeMs = 0, BusyMs = 0 });
        Assert.True(all.Totals.RuntimeMs > 0 && all.Totals.BusyMs <= all.Totals.RuntimeMs);
        Assert.Empty(all.Groups);

        var byAgent = await StatsAsync(rpc, StatsGroupBy.Agent);
        Assert.Equal(["claude-code"], byAgent.Groups.Select(g => g.Key));
        Assert.Equal(expected, byAgent.Groups[0].Totals with { RuntimeMs = 0, BusyMs = 0 });

        var byDay = await StatsAsync(rpc, StatsGroupBy.Day);
        Assert.Equal([DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], byDay.Groups.Select(g => g.Key));
        Assert.Equal(1.04m, byDay.Groups[0].Totals.CostUsd);

        var byProject = await StatsAsync(rpc, StatsGroupBy.Project);
        Assert.Equal([fixture.Repo], byProject.Groups.Select(g => g.Key));
        var byModel = await StatsAsync(rpc, StatsGroupBy.Model);
        Assert.Equal(["default"], byModel.Groups.Select(g => g.Key));

        // A window after every turn is empty; the run's numbers match its tasks.
        Assert.Equal(0, (await StatsAsync(rpc, since: DateTimeOffset.UtcNow.AddMinutes(1))).Totals.Turns);
        var board = await rpc.InvokeWithParameterObjectAsync<StatsLeaderboardResult>(Methods.StatsLeaderboard, new StatsLeaderboardParams());
        var ranked = Assert.Single(board.LongestRuns);
        Assert.Equal((run.Id, 3L, 3L, 0L, 1.02m, RunOutcome.Done), (ranked.RunId, ranked.TasksAttempted, ranked.TasksDone, ranked.TasksFailed, ranked.CostUsd, ranked.Outcome));
        Assert.Equal(run.Id, Assert.Single(board.MostTasks).RunId);
        var agent = Assert.Single(board.Agents);
        Assert.Equal(("claude-code", 1L, 3L, 3L, 1.0, 1.02m, 0.34m), (agent.AgentId, agent.Runs, agent.TasksAttempted, agent.TasksDone, agent.SuccessRate, agent.CostUsd, agent.CostPerTaskUsd));
        Assert.Equal(board.AutoRunMs, agent.AutoRunMs);
        Assert.True(board.AutoRunMs > 0 && board.AutoRunMs < 15 * 60_000);
        Assert.Null(board.Rank);
        Assert.Equal(1, board.NextRank!.Level);
    }

    [Fact]
    public async Task The_csv_export_parses_back_to_the_same_numbers()
    {
        var doc = fixture.Write("p.md", "- [ ] One, with a comma and \"quotes\"\n- [ ] Two (costly)\n");
        var (server, rpc, recorder) = await ConnectAsync();
        await using var _ = server;
        using var __ = rpc;
        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder.Runs, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });
        await PromptAsync(rpc, fixture.Repo, "outside the run");

        var export = await rpc.InvokeWithParameterObjectAsync<StatsExportResult>(Methods.StatsExport, new StatsExportParams { Format = "csv" });
        var rows = CsvReader.Read(export.Text);
        var totals = (await StatsAsync(rpc)).Totals;

        Assert.Equal(3, export.Rows);
        Assert.Equal(3, rows.Count);
        Assert.Equal(totals.InputTokens, rows.Sum(r => long.Parse(r["input_tokens"], CultureInfo.InvariantCulture)));
        Assert.Equal(totals.OutputTokens, rows.Sum(r => long.Parse(r["output_tokens"], CultureInfo.InvariantCulture)));
        Assert.Equal(totals.RuntimeMs, rows.Sum(r => long.Parse(r["wall_ms"], CultureInfo.InvariantCulture)));
        Assert.Equal(1.02m, totals.CostUsd);
        Assert.Equal(totals.CostUsd, rows.Sum(r => decimal.Parse(r["cost_usd"], CultureInfo.InvariantCulture)));
        Assert.Equal(2, rows.Count(r => r["run_id"] == run.Id));
        Assert.All(rows, r => Assert.Equal(("claude-code", "true", "endTurn"), (r["agent_id"], r["cost_known"], r["stop_reason"])));
        Assert.All(rows, r => Assert.Equal(fixture.Repo, r["project"]));

        var unknown = await Assert.ThrowsAnyAsync<RemoteRpcException>(() => rpc.InvokeWithParameterObjectAsync<StatsExportResult>(Methods.StatsExport, new StatsExportParams { Format = "xlsx" }));
        Assert.Contains("the only one is csv", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daily_limit_reached_mid_run_stops_the_run_with_budgetExceeded_and_refuses_a_new_prompt_and_run()
    {
        await MaestroAgentSettings.SetCostLimitsAsync(fixture.Home, new JsonObject { ["dailyUsd"] = 2.5 });
        var doc = fixture.Write("p.md", "- [ ] One (costly)\n- [ ] Two (costly)\n- [ ] Three (costly)\n- [ ] Four\n");
        var (server, rpc, recorder) = await ConnectAsync();
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder.Runs, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        // $1 after the first task (40 %), $2 after the second (80 %: a warning), $3 after the third: the run stops before the fourth.
        Assert.Equal((RunStatus.Stopped, RunOutcome.BudgetExceeded, 3, 3), (run.Status, run.Outcome, run.Done, run.TasksRun));
        Assert.Contains("costLimits.dailyUsd", run.Reason, StringComparison.Ordinal);
        Assert.Equal("- [x] One (costly)\n- [x] Two (costly)\n- [x] Three (costly)\n- [ ] Four\n", await File.ReadAllTextAsync(doc));
        await Wait.UntilAsync(() => recorder.Warnings.Count >= 2, TimeSpan.FromSeconds(10), "the 80 % and 100 % warnings");
        Assert.Equal([(80, 2m), (100, 3m)], recorder.Warnings.Select(w => (w.Percent, w.SpentUsd)));
        Assert.All(recorder.Warnings, w => Assert.Equal((CostLimitPeriod.Day, 2.5m, (string?)null), (w.Period, w.LimitUsd, w.AgentId)));

        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = fixture.Repo });
        var refused = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "one more" }));
        Assert.Equal(ErrorCodes.BudgetExceeded, refused.ErrorCode);
        Assert.Contains("daily cost limit of $2.50 for all agents (costLimits.dailyUsd) is spent: $3.00 today", refused.Message, StringComparison.Ordinal);
        Assert.Contains("settings.json", refused.Message, StringComparison.Ordinal);
        var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id });
        Assert.Empty(history.Events); // refused before anything was queued

        var again = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = "claude-code" }));
        Assert.Equal(ErrorCodes.BudgetExceeded, again.ErrorCode);

        // Raised, the same prompt goes through (settings.json is read again at once).
        await MaestroAgentSettings.SetCostLimitsAsync(fixture.Home, new JsonObject { ["dailyUsd"] = 10 });
        var answer = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "one more" });
        Assert.Equal(StopReason.EndTurn, answer.StopReason);
    }

    [Fact]
    public async Task A_per_agent_limit_names_the_agent_and_another_agent_is_not_held_by_it()
    {
        await MaestroAgentSettings.SetCostLimitsAsync(fixture.Home, new JsonObject { ["agents"] = new JsonObject { ["claude-code"] = new JsonObject { ["monthlyUsd"] = 0.01 } } });
        var (server, rpc, _) = await ConnectAsync();
        await using var __ = server;
        using var ___ = rpc;
        var session = await PromptAsync(rpc, fixture.Repo, "first");

        var refused = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "second" }));
        Assert.Equal(ErrorCodes.BudgetExceeded, refused.ErrorCode);
        Assert.Contains("monthly cost limit of $0.01 for claude-code (costLimits.agents.claude-code.monthlyUsd)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_get_lists_every_limit_with_its_periods_spend_and_keeps_one_agents_turns_when_asked()
    {
        await MaestroAgentSettings.SetCostLimitsAsync(fixture.Home, new JsonObject
        {
            ["dailyUsd"] = 0.05,
            ["monthlyUsd"] = 10,
            ["agents"] = new JsonObject { ["claude-code"] = new JsonObject { ["dailyUsd"] = 0.02 } },
        });
        var (server, rpc, _) = await ConnectAsync();
        await using var __ = server;
        using var ___ = rpc;
        await PromptAsync(rpc, fixture.Repo, "hello");

        var all = await StatsAsync(rpc);
        Assert.Equal(
            [
                new CostLimitStatus { Period = CostLimitPeriod.Day, LimitUsd = 0.05m, SpentUsd = 0.01m, Percent = 20 },
                new CostLimitStatus { Period = CostLimitPeriod.Month, LimitUsd = 10m, SpentUsd = 0.01m, Percent = 0 },
                new CostLimitStatus { Period = CostLimitPeriod.Day, AgentId = "claude-code", LimitUsd = 0.02m, SpentUsd = 0.01m, Percent = 50 },
            ],
            all.Limits);

        var claude = await rpc.InvokeWithParameterObjectAsync<StatsResult>(Methods.StatsGet, new StatsGetParams { GroupBy = StatsGroupBy.Day, AgentId = "claude-code" });
        Assert.Equal((1L, 0.01m), (claude.Totals.Turns, claude.Totals.CostUsd));
        Assert.Equal(1L, Assert.Single(claude.Groups).Totals.Turns);
        var codex = await rpc.InvokeWithParameterObjectAsync<StatsResult>(Methods.StatsGet, new StatsGetParams { GroupBy = StatsGroupBy.Day, AgentId = "codex" });
        Assert.Equal((0L, 0m), (codex.Totals.Turns, codex.Totals.CostUsd));
        Assert.Empty(codex.Groups);

        // Without limits in settings, none is listed.
        await MaestroAgentSettings.SetCostLimitsAsync(fixture.Home, null);
        await Wait.UntilAsync(async () => (await StatsAsync(rpc)).Limits.Count == 0, TimeSpan.FromSeconds(10), "the limits to be gone");
    }

    [Fact]
    public async Task Turns_stored_before_the_migration_are_back_filled_with_the_same_numbers()
    {
        var doc = fixture.Write("p.md", "- [ ] One\n- [ ] Two (costly)\n");
        StatsResult before;
        {
            var (server, rpc, recorder) = await ConnectAsync();
            await using var _ = server;
            using var __ = rpc;
            await StandInRunFixture.RunToEndAsync(rpc, recorder.Runs, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });
            await PromptAsync(rpc, fixture.Repo, "hello");
            before = await StatsAsync(rpc, StatsGroupBy.Agent);
        }

        // Make the store as an older Maestro left it: schema at version 5, so without what migrations 6 (turn_stats),
        // 7 (group chat), 8 (the per-day rollup) and later ones made; they run again on the next start.
        await SchemaRewind.ToAsync(Path.Combine(fixture.Home, "maestro.db"), 5);

        {
            var (server, rpc, _) = await ConnectAsync();
            await using var _s = server;
            using var __ = rpc;
            Assert.Equal(Migrations.All[^1].Version, await server.Services.GetRequiredService<MaestroDatabase>().SchemaVersionAsync(CancellationToken.None));
            var after = await StatsAsync(rpc, StatsGroupBy.Agent);
            Assert.Equal(3, after.Totals.Turns);
            Assert.Equal(1.02m, after.Totals.CostUsd);
            Assert.Equal(2, after.Totals.TasksDone);
            Assert.Equal(before.Totals with { BusyMs = 0, RuntimeMs = 0 }, after.Totals with { BusyMs = 0, RuntimeMs = 0 });
            Assert.Equal(before.Groups.Select(g => g.Key), after.Groups.Select(g => g.Key));

            // Times come from the stored events: within a millisecond of what the recorder counted.
            Assert.InRange(after.Totals.RuntimeMs, before.Totals.RuntimeMs - 3, before.Totals.RuntimeMs + 3);
        }
    }
}
