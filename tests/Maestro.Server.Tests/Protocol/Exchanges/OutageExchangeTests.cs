using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// Records (or checks) <c>sessions/retryNow</c>, the <c>outage</c> event, <c>stats/outages</c> and a run's <c>waiting</c> / <c>resumed</c>
/// progress: the real Claude Code CLI against a model that answers 529 once, on a fake clock, so the outage waits
/// until Try now.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class OutageExchangeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));
    private ScriptedModelServer model = null!;
    private AgentSandbox sandbox = null!;
    private TempDirectory home = null!;

    public async Task InitializeAsync()
    {
        model = await ScriptedModelServer.StartAsync();
        sandbox = await AgentSandbox.CreateAsync("claude-exchange");
        home = new TempDirectory("mh");
        var environment = ClaudeCodeCli.Environment(sandbox, model.BaseUrl);
        environment["CLAUDE_CODE_MAX_RETRIES"] = "0";
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", AgentClis.Claude, environment);
    }

    public async Task DisposeAsync()
    {
        await model.DisposeAsync();
        sandbox.Dispose();
        home.Dispose();
    }

    [Fact]
    public async Task An_outage_event_and_retry_now()
    {
        await using var server = new TestServer(home: home.Path, services: s => s.AddSingleton<TimeProvider>(time));
        await using var client = new ExchangeClient(server.ConnectRaw());
        Assert.NotNull((await client.InitializeAsync("exchanges-outage"))["result"]);
        var session = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Repo, PermissionMode = PermissionMode.Bypass }));
        var id = (string)session["result"]!["id"]!;
        model.FailNext(1, ServerFault.Overloaded);
        model.EnqueueTurn(ScriptStep.Text("Served."));

        var (_, answer) = client.Send(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "Say hello" });
        Exchange.RecordMessage(
            await client.NotificationAsync(Methods.SessionsEvent, p => (string?)p["event"]!["type"] == "outage", TimeSpan.FromSeconds(60)),
            "outage");
        await client.RecordAsync(Methods.SessionsRetryNow, new SessionIdParams { SessionId = id });
        var turn = Exchange.AssertNoError(await answer.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("endTurn", (string?)turn["result"]!["stopReason"]);

        // The closed outage is in the outage stats: one bridged.
        var outages = await client.RecordAsync(Methods.StatsOutages, new StatsOutagesParams());
        Assert.Equal((1, 1), ((long)outages["result"]!["totals"]!["outages"]!, (long)outages["result"]!["totals"]!["bridged"]!));
    }

    [Fact]
    public async Task A_run_waits_for_the_provider_and_resumes()
    {
        var doc = Path.Combine(sandbox.Repo, "playbooks", "wait.md");
        Directory.CreateDirectory(Path.GetDirectoryName(doc)!);
        await File.WriteAllTextAsync(doc, "- [ ] Only\n");
        model.FailNext(1, ServerFault.Overloaded);
        model.EnqueueTurn(ScriptStep.ToolCall("Read", new System.Text.Json.Nodes.JsonObject { ["file_path"] = doc }.ToJsonString()));
        model.EnqueueTurn(ScriptStep.ToolCall("Edit", new System.Text.Json.Nodes.JsonObject { ["file_path"] = doc, ["old_string"] = "- [ ] Only", ["new_string"] = "- [x] Only" }.ToJsonString()), ScriptStep.Text("Done."));
        await using var server = new TestServer(home: home.Path, services: s => s.AddSingleton<TimeProvider>(time));
        await using var client = new ExchangeClient(server.ConnectRaw());
        Assert.NotNull((await client.InitializeAsync("exchanges-run-outage"))["result"]);

        var run = Exchange.AssertNoError(await client.CallAsync(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = "claude-code" }));
        var runId = (string)run["result"]!["id"]!;
        bool Of(System.Text.Json.Nodes.JsonNode p, string kind) => (string?)p["run"]!["id"] == runId && (string?)p["event"] == kind;
        var waiting = await client.NotificationAsync(Methods.RunsProgress, p => Of(p, "waiting"), TimeSpan.FromSeconds(60));
        Exchange.RecordMessage(waiting, "waiting");
        Assert.Equal("waiting", (string?)waiting["params"]!["run"]!["status"]);
        var sessionId = (string)waiting["params"]!["run"]!["waiting"]!["sessionId"]!;

        Exchange.AssertNoError(await client.CallAsync(Methods.SessionsRetryNow, new SessionIdParams { SessionId = sessionId }));
        Exchange.RecordMessage(await client.NotificationAsync(Methods.RunsProgress, p => Of(p, "resumed"), TimeSpan.FromSeconds(60)), "resumed");
        var finished = await client.NotificationAsync(Methods.RunsProgress, p => Of(p, "finished"), TimeSpan.FromSeconds(60));
        Assert.Equal("done", (string?)finished["params"]!["run"]!["status"]);
    }
}
