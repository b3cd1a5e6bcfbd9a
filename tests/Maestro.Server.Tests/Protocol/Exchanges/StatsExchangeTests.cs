using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// Records (or checks) stats/*, stats/budgetWarning and the BudgetExceeded refusal, over a run of the Claude Code
/// STAND-IN script ($0.01 a task) under a daily limit of $0.015: the second task brings it to 133 %.
/// </summary>
public sealed class StatsExchangeTests : IAsyncLifetime
{
    private ExchangeSandbox sandbox = null!;

    public Task InitializeAsync()
    {
        sandbox = ExchangeSandbox.Create(new Dictionary<string, string> { ["playbooks/two.md"] = "- [ ] First\n- [ ] Second\n" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task Get_leaderboard_export_the_warning_and_a_prompt_refused_by_a_spent_limit()
    {
        await MaestroAgentSettings.SetCostLimitsAsync(sandbox.Home, new JsonObject { ["dailyUsd"] = 0.015 });
        await using var client = await sandbox.ConnectAsync();
        var started = Exchange.AssertNoError(await client.CallAsync(Methods.PlaybooksRun, new PlaybookRunParams { Path = Path.Combine(sandbox.Repo, "playbooks", "two.md"), AgentId = "claude-code" }));
        var runId = (string)started["result"]!["id"]!;
        await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == runId && (string?)p["event"] == "finished");
        Exchange.RecordMessage(await client.NotificationAsync(Methods.StatsBudgetWarning, p => (int?)p["percent"] == 100));

        var stats = await client.RecordAsync(Methods.StatsGet, new StatsGetParams { Since = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), GroupBy = StatsGroupBy.Agent });
        Assert.Equal(2, (long)stats["result"]!["totals"]!["turns"]!);
        await client.RecordAsync(Methods.StatsLeaderboard, new StatsLeaderboardParams { Limit = 5 });
        await client.RecordAsync(Methods.StatsExport, new StatsExportParams { Format = "csv" });
        await client.RecordErrorAsync(Methods.StatsLeaderboard, new StatsLeaderboardParams { Limit = 0 }, ErrorCodes.InvalidParams, ErrorKinds.InvalidParams);

        var session = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Repo }));
        await client.RecordErrorAsync(Methods.SessionsPrompt, new SessionPromptParams { SessionId = (string)session["result"]!["id"]!, Text = "one more" }, ErrorCodes.BudgetExceeded, ErrorKinds.BudgetExceeded);
    }
}
