using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Sessions.Resilience;

/// <summary>
/// Failover with the real Claude Code CLI: after the configured minutes of one outage the turn is resent to the backup
/// (another endpoint, another model), the one outage event says so and closes recovered, and the next turn goes to
/// the primary first. Time is a <see cref="FakeTimeProvider"/>, so the minutes take no time.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class ClaudeCodeFailoverTests : RealClaudeTestBase
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));

    protected override string SandboxName => "claude-failover";

    [Fact]
    public async Task After_one_minute_of_529s_the_turn_is_served_by_the_backup_endpoint_and_the_next_turn_tries_the_primary_first()
    {
        await using var backupModel = await ScriptedModelServer.StartAsync();
        await using var server = await StartAsync(new JsonObject
        {
            ["afterMinutes"] = 1,
            ["env"] = new JsonObject { ["ANTHROPIC_BASE_URL"] = backupModel.BaseUrl },
        });
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("failover", recorder);
        var session = await CreateAsync(rpc);
        Model.FailNext(2, ServerFault.Overloaded);
        backupModel.EnqueueTurn(ScriptStep.Text("Served by the backup."));
        Model.EnqueueTurn(ScriptStep.Text("The primary is back."));
        var since = time.GetUtcNow();

        var first = Prompt(rpc, session, "First prompt");
        await Wait.UntilAsync(() => Outages(recorder, session).Count >= 1, what: "the outage to open");
        Assert.Equal(since.AddSeconds(30), Outages(recorder, session)[^1].Event.NextAt);

        // The first resend (30 s) still goes to the primary and fails; the next one is due at the failover minute,
        // before the schedule's 1 min backoff would have it.
        time.Advance(TimeSpan.FromSeconds(30));
        await Wait.UntilAsync(() => Outages(recorder, session)[^1].Event.Attempts == 2, what: "the first resend to fail");
        Assert.Equal(since.AddMinutes(1), Outages(recorder, session)[^1].Event.NextAt);
        Assert.Null(Outages(recorder, session)[^1].Event.FailedOverTo);
        Assert.Empty(backupModel.Requests);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(StopReason.EndTurn, (await first).StopReason);
        Assert.Contains("First prompt", Assert.Single(backupModel.ScriptedRequests).Body, StringComparison.Ordinal);
        Assert.Equal(2, Model.Requests.Count(r => r.ServedAs == ServedAs.Fault));
        Assert.Empty(Model.ScriptedRequests);

        // One outage, revised in place, closed recovered, saying where the turn went.
        var stored = await StoredOutageAsync(rpc, recorder, session);
        Assert.Equal(OutageState.Recovered, stored.State);
        Assert.Equal(2, stored.Attempts);
        Assert.Equal("the backup endpoint (ANTHROPIC_BASE_URL)", stored.FailedOverTo);
        Assert.Equal(since.AddMinutes(1), stored.FailedOverAt);
        Assert.Single(Outages(recorder, session).Select(v => v.Seq).Distinct());

        // The next turn: the primary is tried first (and serves it now), the backup is not asked.
        Assert.Equal(StopReason.EndTurn, (await Prompt(rpc, session, "Next prompt")).StopReason);
        Assert.Contains("Next prompt", Assert.Single(Model.ScriptedRequests).Body, StringComparison.Ordinal);
        Assert.Single(backupModel.ScriptedRequests);
        Assert.Single((await HistoryAsync(rpc, session)).Events, e => e.Event is OutageEvent);
    }

    [Fact]
    public async Task A_failover_to_another_model_resends_with_that_model_on_the_same_endpoint()
    {
        await using var server = await StartAsync(new JsonObject { ["afterMinutes"] = 0.5, ["model"] = "claude-backup-model" });
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("failover-model", recorder);
        var session = await CreateAsync(rpc);
        Model.FailNext(1, ServerFault.Overloaded);
        Model.EnqueueTurn(ScriptStep.Text("Served by the backup model."));

        var first = Prompt(rpc, session, "Go");
        await Wait.UntilAsync(() => Outages(recorder, session).Count >= 1, what: "the outage to open");
        Assert.DoesNotContain("claude-backup-model", Assert.Single(Model.Requests, r => r.ServedAs == ServedAs.Fault).Body, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(StopReason.EndTurn, (await first).StopReason);
        Assert.Contains("\"claude-backup-model\"", Assert.Single(Model.ScriptedRequests).Body, StringComparison.Ordinal);
        var stored = await StoredOutageAsync(rpc, recorder, session);
        Assert.Equal(OutageState.Recovered, stored.State);
        Assert.Equal("model claude-backup-model", stored.FailedOverTo);
    }

    private async Task<TestServer> StartAsync(JsonObject failover)
    {
        // Claude Code's own retries off: Maestro's are under test.
        var environment = ClaudeCodeCli.Environment(Sandbox, Model.BaseUrl);
        environment["CLAUDE_CODE_MAX_RETRIES"] = "0";
        await MaestroAgentSettings.WriteAsync(Home.Path, AgentId, AgentClis.Claude, environment);
        await MaestroAgentSettings.SetResilienceAsync(Home.Path, AgentId, new JsonObject { ["failover"] = failover });
        return new TestServer(home: Home.Path, services: s => s.AddSingleton<TimeProvider>(time));
    }

    private async Task<Session> CreateAsync(JsonRpc rpc) => await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams
    {
        AgentId = AgentId,
        Cwd = Sandbox.Repo,
        PermissionMode = PermissionMode.Bypass,
    });

    private static Task<SessionPromptResult> Prompt(JsonRpc rpc, Session session, string text)
        => rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = text });

    private static Task<SessionHistoryResult> HistoryAsync(JsonRpc rpc, Session session)
        => rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id, AfterSeq = 0, Limit = 1000 });

    /// <summary>The session's one stored outage, once every event up to the last seq has reached the client too.</summary>
    private static async Task<OutageEvent> StoredOutageAsync(JsonRpc rpc, EventRecorder recorder, Session session)
    {
        var last = (await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id })).LastSeq;
        await Wait.UntilAsync(() => recorder.For(session.Id).Max(e => e.Seq) >= last, what: "every event");
        var stored = Assert.Single((await HistoryAsync(rpc, session)).Events, e => e.Event is OutageEvent);
        var live = Outages(recorder, session)[^1];
        Assert.Equal(stored.Seq, live.Seq);
        Assert.Equal(stored.Event, live.Event);
        return (OutageEvent)stored.Event;
    }

    private static List<(long Seq, OutageEvent Event)> Outages(EventRecorder recorder, Session session)
        => [.. recorder.For(session.Id).Where(e => e.Event is OutageEvent).Select(e => (e.Seq, (OutageEvent)e.Event))];
}
