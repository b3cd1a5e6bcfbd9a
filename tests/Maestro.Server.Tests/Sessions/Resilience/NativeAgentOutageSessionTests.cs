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

/// <summary>The real Codex and OpenCode CLIs through Maestro against an overloaded or refusing model, on a fake clock.</summary>
[Collection(RealCliCollection.Name)]
public sealed class NativeAgentOutageSessionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));
    private ScriptedModelServer model = null!;
    private AgentSandbox sandbox = null!;
    private TempDirectory home = null!;

    public async Task InitializeAsync()
    {
        model = await ScriptedModelServer.StartAsync();
        sandbox = await AgentSandbox.CreateAsync("native-outage");
        home = new TempDirectory("mh");
    }

    public async Task DisposeAsync()
    {
        await model.DisposeAsync();
        sandbox.Dispose();
        home.Dispose();
    }

    [Fact]
    public async Task Codex_a_529_storm_is_bridged_and_the_queued_prompt_drains_after()
    {
        CodexCli.WriteConfig(sandbox, model.BaseUrl);
        await MaestroAgentSettings.WriteAsync(home.Path, "codex", AgentClis.Codex, CodexCli.Environment(sandbox));
        await using var server = new TestServer(home: home.Path, services: s => s.AddSingleton<TimeProvider>(time));
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("codex-outage", recorder);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "codex", Cwd = sandbox.Repo, PermissionMode = PermissionMode.AcceptEdits });
        model.FailNext(2, ServerFault.Overloaded);
        model.EnqueueTurn(ScriptStep.Text("Served after the storm."));
        model.EnqueueTurn(ScriptStep.Text("Second answer."));

        var first = Prompt(rpc, session, "First prompt");
        var queued = Prompt(rpc, session, "Queued prompt");
        await Wait.UntilAsync(() => Outages(recorder, session).Count >= 1, what: "the outage to open");
        Assert.Equal(time.GetUtcNow().AddSeconds(30), Outages(recorder, session)[^1].NextAt);
        time.Advance(TimeSpan.FromSeconds(30));
        await Wait.UntilAsync(() => Outages(recorder, session)[^1].Attempts == 2, what: "the first resend to fail");
        Assert.Equal(time.GetUtcNow().AddMinutes(1), Outages(recorder, session)[^1].NextAt);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(StopReason.EndTurn, (await first).StopReason);
        Assert.Equal(StopReason.EndTurn, (await queued).StopReason);
        Assert.Contains("First prompt", model.ScriptedRequests[0].Body, StringComparison.Ordinal);
        Assert.Contains("Queued prompt", model.ScriptedRequests[1].Body, StringComparison.Ordinal);
        await Wait.UntilAsync(() => Outages(recorder, session)[^1].State == OutageState.Recovered, what: "the outage to close");
        Assert.Single(recorder.For(session.Id).Where(e => e.Event is OutageEvent).Select(e => e.Seq).Distinct());
    }

    [Fact]
    public async Task Codex_bad_credentials_are_not_resent()
    {
        CodexCli.WriteConfig(sandbox, model.BaseUrl);
        await MaestroAgentSettings.WriteAsync(home.Path, "codex", AgentClis.Codex, CodexCli.Environment(sandbox));
        await using var server = new TestServer(home: home.Path, services: s => s.AddSingleton<TimeProvider>(time));
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("codex-401", recorder);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "codex", Cwd = sandbox.Repo, PermissionMode = PermissionMode.AcceptEdits });
        model.FailNext(1, ServerFault.Http(401));

        Assert.Equal(StopReason.Error, (await Prompt(rpc, session, "Go")).StopReason);
        Assert.Equal(1, model.Requests.Count(r => r.ServedAs == ServedAs.Fault));
        Assert.Empty(Outages(recorder, session));
    }

    [Fact]
    public async Task OpenCode_bad_credentials_are_not_resent_and_a_single_529_it_bridges_itself_opens_no_outage()
    {
        OpenCodeCli.WriteConfig(sandbox, model.BaseUrl);
        await MaestroAgentSettings.WriteAsync(home.Path, "opencode", AgentClis.OpenCode, OpenCodeCli.Environment(sandbox));
        await using var server = new TestServer(home: home.Path, services: s => s.AddSingleton<TimeProvider>(time));
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("opencode-outage", recorder);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "opencode", Cwd = sandbox.Repo, PermissionMode = PermissionMode.AcceptEdits });

        model.FailNext(1, ServerFault.Http(401));
        Assert.Equal(StopReason.Error, (await Prompt(rpc, session, "Go")).StopReason);
        Assert.Equal(1, model.Requests.Count(r => r.ServedAs == ServedAs.Fault));

        model.FailNext(1, ServerFault.Overloaded);
        model.EnqueueTurn(ScriptStep.Text("Served after OpenCode's own retry."));
        Assert.Equal(StopReason.EndTurn, (await Prompt(rpc, session, "Again")).StopReason);
        Assert.Empty(Outages(recorder, session));
    }

    private static Task<SessionPromptResult> Prompt(JsonRpc rpc, Session session, string text)
        => rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = text });

    private static List<OutageEvent> Outages(EventRecorder recorder, Session session)
        => [.. recorder.For(session.Id).Select(e => e.Event).OfType<OutageEvent>()];
}
