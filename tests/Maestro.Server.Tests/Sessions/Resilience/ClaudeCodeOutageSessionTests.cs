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
/// The real Claude Code CLI through Maestro against a model that is overloaded, rate limited or out of quota: the turn is
/// resent after the scheduled wait (time is a <see cref="FakeTimeProvider"/>, so a 30 s backoff takes no time), one
/// outage event is revised in place, queued prompts drain in order, and what must not be resent is not.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class ClaudeCodeOutageSessionTests : RealClaudeTestBase
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));

    protected override string SandboxName => "claude-outage";

    [Fact]
    public async Task A_529_storm_is_bridged_by_resends_after_30s_then_1min_with_one_outage_event_and_the_queue_drains_in_order()
    {
        await using var server = await StartAsync();
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("outage", recorder);
        var session = await CreateAsync(rpc);
        Model.FailNext(2, ServerFault.Overloaded);
        Model.EnqueueTurn(ScriptStep.Text("Served after the storm."));
        Model.EnqueueTurn(ScriptStep.Text("Second answer."));

        // Both sent before the agent has even started: the second is queued behind the first, not a takeover.
        var first = Prompt(rpc, session, "First prompt");
        var queued = Prompt(rpc, session, "Queued prompt");
        await OpenedAsync(recorder, session);
        var opened = Outages(recorder, session)[^1].Event;
        Assert.Equal(OutageClass.Availability, opened.Class);
        Assert.Equal(1, opened.Attempts);
        Assert.Equal(time.GetUtcNow(), opened.Since);
        Assert.Equal(time.GetUtcNow().AddSeconds(30), opened.NextAt);
        Assert.Contains("529", opened.Reason, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Retrying, (await GetAsync(rpc, session)).Status);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, Model.Requests.Count(r => r.ServedAs == ServedAs.Fault)); // not a second early
        time.Advance(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(() => Outages(recorder, session)[^1].Event.Attempts == 2, what: "the first resend to fail");
        Assert.Equal(time.GetUtcNow().AddMinutes(1), Outages(recorder, session)[^1].Event.NextAt);
        Assert.False(queued.IsCompleted, "the queued prompt holds while the first waits");

        time.Advance(TimeSpan.FromMinutes(1));
        var firstResult = await first;
        var queuedResult = await queued;
        Assert.Equal(StopReason.EndTurn, firstResult.StopReason);
        Assert.Equal(StopReason.EndTurn, queuedResult.StopReason);

        // The resent prompt is the same prompt; the queued one went after it.
        var scripted = Model.ScriptedRequests;
        Assert.Contains("First prompt", scripted[0].Body, StringComparison.Ordinal);
        Assert.Contains("Queued prompt", scripted[1].Body, StringComparison.Ordinal);

        // One outage: every version under one seq, the last one recovered; stored once, in its last state.
        var last = (await GetAsync(rpc, session)).LastSeq;
        await Wait.UntilAsync(() => recorder.For(session.Id).Max(e => e.Seq) >= last, what: "every event");
        var versions = Outages(recorder, session);
        Assert.Single(versions.Select(v => v.Seq).Distinct());
        Assert.Equal([OutageState.Waiting, OutageState.Waiting, OutageState.Recovered], versions.Select(v => v.Event.State));
        var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id, AfterSeq = 0, Limit = 1000 });
        var stored = Assert.Single(history.Events, e => e.Event is OutageEvent);
        Assert.Equal(versions[0].Seq, stored.Seq);
        Assert.Equal(OutageState.Recovered, ((OutageEvent)stored.Event).State);
        Assert.Equal(2, ((OutageEvent)stored.Event).Attempts);
        Assert.DoesNotContain(history.Events, e => e.Event is ErrorEvent);
        Assert.Single(history.Events, e => e.Event is PromptEvent { Text: "First prompt" });
        Assert.Equal(SessionStatus.Idle, (await GetAsync(rpc, session)).Status);
    }

    [Fact]
    public async Task A_spent_quota_is_resent_exactly_at_the_reset_moment_it_names()
    {
        await using var server = await StartAsync();
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("quota", recorder);
        var session = await CreateAsync(rpc);
        var reset = time.GetUtcNow().AddSeconds(5);
        Model.FailNext(1, ServerFault.QuotaExhausted(reset));
        Model.EnqueueTurn(ScriptStep.Text("Quota is back."));

        var first = Prompt(rpc, session, "Work on");
        await OpenedAsync(recorder, session);
        var opened = Outages(recorder, session)[^1].Event;
        Assert.Equal(OutageClass.Quota, opened.Class);
        Assert.Equal(reset, opened.ResetAt);
        Assert.Equal(reset, opened.NextAt);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(Model.ScriptedRequests);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(StopReason.EndTurn, (await first).StopReason);
        Assert.Single(Model.ScriptedRequests);
        await Wait.UntilAsync(() => Outages(recorder, session)[^1].Event.State == OutageState.Recovered, what: "the outage to close");
    }

    [Fact]
    public async Task The_limit_banner_as_a_whole_message_is_probed_after_15s_and_the_turn_goes_on()
    {
        await using var server = await StartAsync();
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("banner", recorder);
        var session = await CreateAsync(rpc);
        Model.EnqueueTurn(ScriptStep.Text("You've hit your limit · resets 3pm (UTC)"));
        Model.EnqueueTurn(ScriptStep.Text("Back to work."));

        var first = Prompt(rpc, session, "Go");
        await OpenedAsync(recorder, session);
        var opened = Outages(recorder, session)[^1].Event;
        Assert.Equal(OutageClass.Quota, opened.Class);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero), opened.ResetAt);
        Assert.Equal(time.GetUtcNow().AddSeconds(15), opened.NextAt);

        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(StopReason.EndTurn, (await first).StopReason);
        Assert.Equal(2, Model.ScriptedRequests.Count);
    }

    [Theory]
    [InlineData(401, "Mock model server: HTTP 401")]
    [InlineData(400, "prompt is too long: 210000 tokens > 200000 maximum")]
    public async Task Bad_credentials_and_a_full_context_are_not_resent(int status, string message)
    {
        await using var server = await StartAsync();
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("never", recorder);
        var session = await CreateAsync(rpc);
        Model.FailNext(1, ServerFault.Http(status, message));
        Model.EnqueueTurn(ScriptStep.Text("Must not be reached."));

        var result = await Prompt(rpc, session, "Go");

        Assert.Equal(StopReason.Error, result.StopReason);
        Assert.Equal(1, Model.Requests.Count(r => r.ServedAs == ServedAs.Fault));
        Assert.Empty(Model.ScriptedRequests);
        Assert.Equal(SessionStatus.Failed, (await GetAsync(rpc, session)).Status);
        var last = (await GetAsync(rpc, session)).LastSeq;
        await Wait.UntilAsync(() => recorder.For(session.Id).Count > 0 && recorder.For(session.Id).Max(e => e.Seq) >= last, what: "every event");
        Assert.Empty(Outages(recorder, session));
        Assert.Contains(recorder.For(session.Id), e => e.Event is ErrorEvent);
    }

    [Fact]
    public async Task Try_now_and_stop_from_a_second_client()
    {
        await using var server = await StartAsync();
        var recorder = new EventRecorder();
        using var owner = await server.ConnectInitializedAsync("owner", recorder);
        using var other = await server.ConnectInitializedAsync("phone");
        var session = await CreateAsync(owner);
        Model.FailNext(3, ServerFault.Overloaded);

        var first = Prompt(owner, session, "Go");
        await OpenedAsync(recorder, session);

        // Try now: resent at once, with no time passing.
        await other.InvokeWithParameterObjectAsync<object?>(Methods.SessionsRetryNow, new SessionIdParams { SessionId = session.Id });
        await Wait.UntilAsync(() => Outages(recorder, session)[^1].Event.Attempts == 2, what: "the resend to fail again");
        Assert.Equal(2, Model.Requests.Count(r => r.ServedAs == ServedAs.Fault));

        // Stop: the turn ends cancelled, the outage closes as stopped.
        await other.InvokeWithParameterObjectAsync<object?>(Methods.SessionsCancel, new SessionIdParams { SessionId = session.Id });
        Assert.Equal(StopReason.Cancelled, (await first).StopReason);
        await Wait.UntilAsync(() => Outages(recorder, session)[^1].Event.State == OutageState.Stopped, what: "the outage to stop");
        Assert.Equal("cancelled", Outages(recorder, session)[^1].Event.StoppedBecause);
        Assert.Equal(2, Model.Requests.Count(r => r.ServedAs == ServedAs.Fault));
        Assert.Equal(SessionStatus.Idle, (await GetAsync(owner, session)).Status);
    }

    [Fact]
    public async Task A_new_prompt_during_the_countdown_takes_over()
    {
        await using var server = await StartAsync();
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("takeover", recorder);
        var session = await CreateAsync(rpc);
        Model.FailNext(1, ServerFault.Overloaded);
        Model.EnqueueTurn(ScriptStep.Text("The new prompt's answer."));

        var first = Prompt(rpc, session, "Old prompt");
        await OpenedAsync(recorder, session);
        var second = Prompt(rpc, session, "New prompt");

        Assert.Equal(StopReason.Cancelled, (await first).StopReason);
        Assert.Equal(StopReason.EndTurn, (await second).StopReason);
        Assert.Contains("New prompt", Assert.Single(Model.ScriptedRequests).Body, StringComparison.Ordinal);
        await Wait.UntilAsync(() => Outages(recorder, session)[^1].Event.State == OutageState.Stopped, what: "the outage to stop");
        Assert.Equal("a new prompt took over", Outages(recorder, session)[^1].Event.StoppedBecause);
    }

    private async Task<TestServer> StartAsync()
    {
        // Claude Code's own retries off: Maestro's are under test.
        var environment = ClaudeCodeCli.Environment(Sandbox, Model.BaseUrl);
        environment["CLAUDE_CODE_MAX_RETRIES"] = "0";
        await MaestroAgentSettings.WriteAsync(Home.Path, AgentId, AgentClis.Claude, environment);
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

    private static Task<Session> GetAsync(JsonRpc rpc, Session session)
        => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id });

    /// <summary>Waits for the outage to open; when it does not, says what the session did instead.</summary>
    private static async Task OpenedAsync(EventRecorder recorder, Session session)
    {
        try
        {
            await Wait.UntilAsync(() => Outages(recorder, session).Count >= 1, what: "the outage to open");
        }
        catch (TimeoutException)
        {
            var seen = recorder.For(session.Id).Select(e => e.Event switch
            {
                ErrorEvent error => $"error: {error.Message}\n{error.Detail}",
                MessageEvent message => $"message ({message.Role}): {message.Text}",
                StatusEvent status => $"status: {status.Status} {status.StopReason}",
                _ => e.Event.GetType().Name,
            });
            Assert.Fail("No outage opened. The session saw:\n" + string.Join('\n', seen));
        }
    }

    private static List<(long Seq, OutageEvent Event)> Outages(EventRecorder recorder, Session session)
        => [.. recorder.For(session.Id).Where(e => e.Event is OutageEvent).Select(e => (e.Seq, (OutageEvent)e.Event))];
}
