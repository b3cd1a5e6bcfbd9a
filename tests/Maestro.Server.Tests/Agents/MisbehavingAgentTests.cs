using System.Text.Json;
using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Sessions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Agents;

/// <summary>
/// Agents that crash, hang, flood, print huge lines, invalid UTF-8 or non-JSON: each turn ends with a clear error or
/// succeeds, always with a <c>status</c> event, secrets never reach the session, and the session stays usable. The
/// agents are STAND-INS that misbehave on purpose (tests/fixtures/agents/misbehaving-claude.mjs for a native CLI in
/// Claude Code's shape, misbehaving-acp.mjs for an ACP agent). Short sizes here; MAESTRO_LONG_TESTS=1 uses the
/// audit's (see <see cref="MisbehavingAgents"/>).
/// </summary>
public sealed class MisbehavingAgentTests : IAsyncLifetime
{
    private const string Native = MisbehavingAgents.Native;
    private const string Acp = MisbehavingAgents.Acp;

    private TempDirectory home = null!;
    private TempDirectory work = null!;

    public async Task InitializeAsync()
    {
        home = new TempDirectory("misbehaving-home");
        work = new TempDirectory("misbehaving-work");
        await MisbehavingAgents.WriteSettingsAsync(home.Path);
    }

    public Task DisposeAsync()
    {
        home.Dispose();
        work.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(Native)]
    [InlineData(Acp)]
    public async Task A_crashing_agent_fails_the_turn_without_its_secrets_and_the_session_stays_usable(string agentId)
    {
        await using var server = new TestServer(home: home.Path);
        var (rpc, recorder, session) = await StartAsync(server, agentId);

        var crashed = await PromptAsync(rpc, session, "crash");

        Assert.Equal(StopReason.Error, crashed.StopReason);
        var error = Assert.Single(recorder.For(session.Id).Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Contains("could not authenticate", error.Detail, StringComparison.Ordinal);
        Assert.Contains("[redacted]", error.Detail, StringComparison.Ordinal);
        var stored = JsonSerializer.Serialize((await HistoryAsync(rpc, session)).Events);
        foreach (var secret in new[] { MisbehavingAgents.Leaked, "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123", "abcdefghijklmnop1234567890" })
        {
            Assert.DoesNotContain(secret, error.Message + error.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        }

        Assert.Contains(recorder.For(session.Id), e => e.Event is StatusEvent { Status: SessionStatus.Failed, StopReason: StopReason.Error });
        Assert.Equal(StopReason.EndTurn, (await PromptAsync(rpc, session, "ok")).StopReason);
    }

    [Fact]
    public async Task A_hanging_agent_is_stopped_by_the_idle_timeout_and_the_session_stays_usable()
    {
        await using var server = new TestServer(o => o with { AgentIdleTimeout = TimeSpan.FromSeconds(2) }, home: home.Path);
        var (rpc, recorder, session) = await StartAsync(server, Native);

        var hung = await PromptAsync(rpc, session, "hang");

        Assert.Equal(StopReason.Error, hung.StopReason);
        Assert.Contains(recorder.For(session.Id), e => e.Event is ErrorEvent error && error.Message.Contains("idle timeout", StringComparison.Ordinal));
        Assert.Contains(recorder.For(session.Id), e => e.Event is StatusEvent { Status: SessionStatus.Failed });
        Assert.Equal(StopReason.EndTurn, (await PromptAsync(rpc, session, "ok")).StopReason);
    }

    [Theory]
    [InlineData(Native)]
    [InlineData(Acp)]
    public async Task A_flooding_agent_has_every_event_stored(string agentId)
    {
        await using var server = new TestServer(home: home.Path);
        var (rpc, recorder, session) = await StartAsync(server, agentId);

        var flooded = await PromptAsync(rpc, session, "flood");

        Assert.Equal(StopReason.EndTurn, flooded.StopReason);
        var last = (await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id })).LastSeq;
        await Wait.UntilAsync(() => recorder.For(session.Id).Count >= last, TimeSpan.FromSeconds(60), "every event");
        var text = string.Concat(recorder.For(session.Id).Select(e => e.Event).OfType<MessageDeltaEvent>().Select(d => d.Text));
        Assert.Equal(MisbehavingAgents.FloodCount * 64, text.Length);
    }

    [Theory]
    [InlineData(Native)]
    [InlineData(Acp)]
    public async Task A_huge_line_is_skipped_with_a_note_and_the_turn_goes_on(string agentId)
    {
        await using var server = new TestServer(home: home.Path);
        var (rpc, recorder, session) = await StartAsync(server, agentId);

        var result = await PromptAsync(rpc, session, "huge-line");

        Assert.True(result.StopReason == StopReason.EndTurn, Describe(recorder, session));
        var events = recorder.For(session.Id).Select(e => e.Event).ToList();
        Assert.Contains(events, e => e is MessageEvent { Role: "notice" } m && m.Text.Contains("over Maestro's limit", StringComparison.Ordinal));
        Assert.Contains("after the huge line", Said(events), StringComparison.Ordinal);
        Assert.DoesNotContain("yyyyyyyy", Said(events), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Native)]
    [InlineData(Acp)]
    public async Task Bytes_that_are_not_UTF8_are_read_leniently(string agentId)
    {
        await using var server = new TestServer(home: home.Path);
        var (rpc, recorder, session) = await StartAsync(server, agentId);

        var result = await PromptAsync(rpc, session, "invalid-utf8");

        Assert.True(result.StopReason == StopReason.EndTurn, Describe(recorder, session));
        Assert.Contains("bad \uFFFD(\uFFFD bytes", Said(recorder.For(session.Id).Select(e => e.Event)), StringComparison.Ordinal);
        Assert.Contains(recorder.For(session.Id), e => e.Event is StatusEvent { Status: SessionStatus.Idle });
    }

    [Theory]
    [InlineData(Native)]
    [InlineData(Acp)]
    public async Task A_lone_surrogate_costs_only_its_own_line_and_the_turn_ends_with_a_status(string agentId)
    {
        await using var server = new TestServer(home: home.Path);
        var (rpc, recorder, session) = await StartAsync(server, agentId);

        var result = await PromptAsync(rpc, session, "lone-surrogate");

        Assert.True(result.StopReason == StopReason.EndTurn, Describe(recorder, session));
        Assert.Contains("after the surrogate", Said(recorder.For(session.Id).Select(e => e.Event)), StringComparison.Ordinal);
        Assert.Contains(recorder.For(session.Id), e => e.Event is StatusEvent { Status: SessionStatus.Idle, StopReason: StopReason.EndTurn });
        Assert.Equal(StopReason.EndTurn, (await PromptAsync(rpc, session, "ok")).StopReason);
    }

    [Theory]
    [InlineData(Native)]
    [InlineData(Acp)]
    public async Task Lines_that_are_not_JSON_and_answers_to_unsent_requests_are_ignored(string agentId)
    {
        await using var server = new TestServer(home: home.Path);
        var (rpc, recorder, session) = await StartAsync(server, agentId);

        var result = await PromptAsync(rpc, session, "non-json");

        Assert.True(result.StopReason == StopReason.EndTurn, Describe(recorder, session));
        Assert.Contains(agentId == Acp ? "still here" : "between", Said(recorder.For(session.Id).Select(e => e.Event)), StringComparison.Ordinal);
        Assert.Equal(StopReason.EndTurn, (await PromptAsync(rpc, session, "ok")).StopReason);
    }

    private async Task<(JsonRpc Rpc, EventRecorder Recorder, Session Session)> StartAsync(TestServer server, string agentId)
    {
        var recorder = new EventRecorder();
        var rpc = await server.ConnectInitializedAsync("fault-test", recorder);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = agentId, Cwd = work.Path, PermissionMode = PermissionMode.Bypass });
        return (rpc, recorder, session);
    }

    private static async Task<SessionPromptResult> PromptAsync(JsonRpc rpc, Session session, string fault)
    {
        var result = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = fault })
            .WaitAsync(TimeSpan.FromSeconds(120));
        return result;
    }

    private static Task<SessionHistoryResult> HistoryAsync(JsonRpc rpc, Session session)
        => rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id, Limit = 5000 });

    private static string Said(IEnumerable<SessionEvent> events)
        => string.Join("\n", events.Select(e => e switch { MessageEvent m => m.Text, MessageDeltaEvent d => d.Text, _ => null }).Where(t => t is not null));

    private static string Describe(EventRecorder recorder, Session session)
        => string.Join("\n", recorder.For(session.Id).Select(e => e.Event).OfType<ErrorEvent>().Select(e => e.Message + "\n" + e.Detail));
}
