using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;

namespace Maestro.Server.Tests.Sessions;

/// <summary>Conversations the real CLIs left on disk are found, imported with their transcript, and resumed.</summary>
[Collection(RealCliCollection.Name)]
public sealed class DiscoveryTests : IAsyncLifetime
{
    private ScriptedModelServer model = null!;
    private AgentSandbox sandbox = null!;
    private TempDirectory home = null!;

    public async Task InitializeAsync()
    {
        model = await ScriptedModelServer.StartAsync();
        sandbox = await AgentSandbox.CreateAsync("discover");
        home = new TempDirectory("mh");
    }

    public async Task DisposeAsync()
    {
        await model.DisposeAsync();
        sandbox.Dispose();
        home.Dispose();
    }

    [Fact]
    public async Task A_claude_code_session_run_outside_maestro_is_discovered_imported_and_resumed()
    {
        model.EnqueueTurn(ScriptStep.Text("Hello from before Maestro."));
        var direct = await ClaudeCodeCli.RunAsync(sandbox, model.BaseUrl, "An outside question");
        Assert.Equal(0, direct.ExitCode);
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", AgentClis.Claude, ClaudeCodeCli.Environment(sandbox, model.BaseUrl));

        await using var server = new TestServer(home: home.Path);
        using var rpc = await server.ConnectInitializedAsync("discover");
        var found = await rpc.InvokeWithParameterObjectAsync<SessionDiscoverResult>(Methods.SessionsDiscover, new SessionDiscoverParams { Cwd = sandbox.Repo });
        var claude = Assert.Single(found.Found, f => f.AgentId == "claude-code");
        Assert.Equal("An outside question", claude.Title);

        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsImport, new SessionImportParams { AgentId = "claude-code", AgentSessionId = claude.AgentSessionId });
        Assert.Equal(claude.AgentSessionId, session.AgentSessionId);
        var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id });
        Assert.Contains(history.Events, e => e.Event is PromptEvent { Text: "An outside question" });
        Assert.Contains(history.Events, e => e.Event is MessageEvent { Text: "Hello from before Maestro." });

        // Importing twice returns the same session; it is no longer offered by discover.
        var again = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsImport, new SessionImportParams { AgentId = "claude-code", AgentSessionId = claude.AgentSessionId });
        Assert.Equal(session.Id, again.Id);
        var after = await rpc.InvokeWithParameterObjectAsync<SessionDiscoverResult>(Methods.SessionsDiscover, new SessionDiscoverParams { Cwd = sandbox.Repo });
        Assert.DoesNotContain(after.Found, f => f.AgentSessionId == claude.AgentSessionId);

        model.EnqueueTurn(ScriptStep.Text("Resumed inside Maestro."));
        var turn = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "And now?" });
        Assert.Equal(StopReason.EndTurn, turn.StopReason);
        Assert.Contains("An outside question", model.ScriptedRequests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_opencode_session_run_outside_maestro_is_discovered_imported_and_resumed()
    {
        OpenCodeCli.WriteConfig(sandbox, model.BaseUrl);
        model.EnqueueTurn(ScriptStep.Text("OpenCode answered before."));
        var direct = await OpenCodeCli.RunAsync(sandbox, "An opencode question");
        Assert.Equal(0, direct.ExitCode);
        await MaestroAgentSettings.WriteAsync(home.Path, "opencode", AgentClis.OpenCode, OpenCodeCli.Environment(sandbox));

        await using var server = new TestServer(home: home.Path);
        using var rpc = await server.ConnectInitializedAsync("discover-opencode");
        var found = await rpc.InvokeWithParameterObjectAsync<SessionDiscoverResult>(Methods.SessionsDiscover, new SessionDiscoverParams { Cwd = sandbox.Repo });
        var opencode = Assert.Single(found.Found, f => f.AgentId == "opencode");
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsImport, new SessionImportParams { AgentId = "opencode", AgentSessionId = opencode.AgentSessionId });
        var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id });
        Assert.Contains(history.Events, e => e.Event is PromptEvent p && p.Text.Contains("An opencode question", StringComparison.Ordinal));
        Assert.Contains(history.Events, e => e.Event is MessageEvent { Text: "OpenCode answered before." });

        model.EnqueueTurn(ScriptStep.Text("Resumed in Maestro."));
        var turn = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "And now?" });
        Assert.Equal(StopReason.EndTurn, turn.StopReason);
        Assert.Contains("An opencode question", model.ScriptedRequests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_codex_thread_run_outside_maestro_is_discovered_and_imported()
    {
        CodexCli.WriteConfig(sandbox, model.BaseUrl);
        model.EnqueueTurn(ScriptStep.Text("Codex answered before."));
        var direct = await CodexCli.RunAsync(sandbox, "A codex question");
        Assert.Equal(0, direct.ExitCode);
        await MaestroAgentSettings.WriteAsync(home.Path, "codex", AgentClis.Codex, CodexCli.Environment(sandbox));

        await using var server = new TestServer(home: home.Path);
        using var rpc = await server.ConnectInitializedAsync("discover-codex");
        var found = await rpc.InvokeWithParameterObjectAsync<SessionDiscoverResult>(Methods.SessionsDiscover, new SessionDiscoverParams { Cwd = sandbox.Repo });
        var codex = Assert.Single(found.Found, f => f.AgentId == "codex");
        Assert.Equal("A codex question", codex.Title);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsImport, new SessionImportParams { AgentId = "codex", AgentSessionId = codex.AgentSessionId });
        var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id });
        Assert.Contains(history.Events, e => e.Event is PromptEvent { Text: "A codex question" });
        Assert.Contains(history.Events, e => e.Event is MessageEvent { Text: "Codex answered before." });
    }
}
