using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.Server.Tests.Stats;
using Maestro.TestSupport;
using Maestro.TestSupport.ModelServer;

namespace Maestro.Server.Tests.Cli;

/// <summary>
/// <c>maestro stats</c> (JSON, CSV, table) and <c>maestro stats leaderboard</c> through a real daemon, after a turn of
/// the real Claude Code CLI against the scripted model server: the stats hold exactly what the agent reported.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class StatsCliTests : RealClaudeTestBase
{
    protected override string SandboxName => "cli-stats";

    [Fact]
    public async Task Stats_json_csv_and_table_give_the_turn_the_real_agent_reported()
    {
        Model.EnqueueTurn(new ModelUsage(1234, 56), ScriptStep.Text("Hello from the model."));
        Session session;
        await using (var serve = MaestroProcess.Start(Home.Path, "serve", "--stdio"))
        {
            await serve.Raw.InitializeAsync("cli-stats");
            var created = await serve.Raw.CallAsync(2, Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = Sandbox.Repo });
            var id = (string)created["result"]!["id"]!;
            var prompted = await serve.Raw.CallAsync(3, Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "say hello" });
            Assert.True(prompted["result"] is not null, prompted.ToJsonString());
            var got = await serve.Raw.CallAsync(4, Methods.SessionsGet, new SessionIdParams { SessionId = id });
            session = got["result"].Deserialize<Session>(MaestroJson.CreateOptions())!;
        }

        // The model server's reported usage went through the real CLI unchanged; its cost is the CLI's own price list
        // (a float: the stats keep it to a billionth of a dollar).
        Assert.Equal((1234, 56), (session.Usage.InputTokens, session.Usage.OutputTokens));
        Assert.True(session.Usage.CostUsd > 0);
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "stats", "--json", "--by", "agent");
        Assert.True(exit == 0, stderr);
        var stats = JsonSerializer.Deserialize<StatsResult>(stdout, MaestroJson.CreateOptions())!;
        Assert.Equal(
            (1L, 1L, 1234L, 56L, session.Usage.CacheReadTokens, session.Usage.CacheWriteTokens, decimal.Round(session.Usage.CostUsd, 9)),
            (stats.Totals.Sessions, stats.Totals.Turns, stats.Totals.InputTokens, stats.Totals.OutputTokens, stats.Totals.CacheReadTokens, stats.Totals.CacheWriteTokens, stats.Totals.CostUsd));
        Assert.Equal("claude-code", Assert.Single(stats.Groups).Key);

        (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "stats", "--csv", "--since", DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.True(exit == 0, stderr);
        var row = Assert.Single(CsvReader.Read(stdout));
        Assert.Equal((session.Id, session.Usage.InputTokens), (row["session_id"], long.Parse(row["input_tokens"], CultureInfo.InvariantCulture)));

        (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "stats", "--by", "day");
        Assert.True(exit == 0, stderr);
        Assert.Contains(DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), stdout, StringComparison.Ordinal);
        Assert.Contains("total", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "stats", "leaderboard");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Auto Run time: 0.0s, no rank yet; Apprentice at 15m 00s", stdout, StringComparison.Ordinal);

        (exit, _, stderr) = await MaestroProcess.RunAsync(Home.Path, "stats", "--since", "last tuesday");
        Assert.NotEqual(0, exit);
        Assert.Contains("--since 'last tuesday' is not a date", stderr, StringComparison.Ordinal);
    }
}
