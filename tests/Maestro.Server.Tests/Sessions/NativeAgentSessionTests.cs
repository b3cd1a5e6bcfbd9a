using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Sessions;

namespace Maestro.Server.Tests.Sessions;

/// <summary>Codex and OpenCode from npm, each driven through Maestro's protocol against the scripted model server.</summary>
[Collection(RealCliCollection.Name)]
public sealed class NativeAgentSessionTests : IAsyncLifetime
{
    private ScriptedModelServer model = null!;
    private AgentSandbox sandbox = null!;
    private TempDirectory home = null!;

    public async Task InitializeAsync()
    {
        model = await ScriptedModelServer.StartAsync();
        sandbox = await AgentSandbox.CreateAsync("native");
        home = new TempDirectory("mh");
    }

    public async Task DisposeAsync()
    {
        await model.DisposeAsync();
        sandbox.Dispose();
        home.Dispose();
    }

    [Theory]
    [InlineData("codex")]
    [InlineData("opencode")]
    [InlineData("gemini")]
    public async Task A_session_runs_a_tool_resumes_and_reads_back_after_a_restart(string agentId)
    {
        var (writeTool, firstArgs, secondArgs) = await ConfigureAsync(agentId);
        IReadOnlyList<SessionEventNotification> live;
        string sessionId;
        await using (var server = new TestServer(home: home.Path))
        {
            var recorder = new EventRecorder();
            using var rpc = await server.ConnectInitializedAsync(agentId, recorder);
            // Gemini's default model first asks a router model; a fixed model keeps the script simple.
            var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams
            {
                AgentId = agentId,
                Cwd = sandbox.Repo,
                PermissionMode = agentId == "gemini" ? PermissionMode.Bypass : PermissionMode.AcceptEdits,
                Model = agentId == "gemini" ? GeminiCli.Model : null,
            });
            sessionId = session.Id;

            model.EnqueueTurn(ScriptStep.ToolCall(writeTool, firstArgs), ScriptStep.Text("Created **hello.txt**."));
            var first = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Create hello.txt" });
            Assert.True(first.StopReason == StopReason.EndTurn, string.Join("\n", recorder.For(session.Id).Select(e => e.Event).OfType<ErrorEvent>().Select(e => e.Message + "\n" + e.Detail)));
            Assert.Equal("hello from maestro\n", await File.ReadAllTextAsync(sandbox.RepoFile("hello.txt")));
            Assert.True(first.Usage.InputTokens > 0, "usage is recorded");

            var secondTool = writeTool switch { "write" => "bash", "write_file" => "run_shell_command", _ => writeTool };
            model.EnqueueTurn(ScriptStep.ToolCall(secondTool, secondArgs), ScriptStep.Text("Wrote second.txt."));
            var second = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Now second.txt" });
            Assert.Equal(StopReason.EndTurn, second.StopReason);
            Assert.Equal("second turn\n", await File.ReadAllTextAsync(sandbox.RepoFile("second.txt")));
            Assert.Contains("Create hello.txt", model.ScriptedRequests[^1].Body, StringComparison.Ordinal);

            var current = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id });
            Assert.NotNull(current.AgentSessionId);
            await Wait.UntilAsync(() => recorder.For(session.Id).Count >= current.LastSeq, what: "every event");
            live = recorder.For(session.Id);
        }

        Assert.Equal(Enumerable.Range(1, live.Count).Select(i => (long)i), live.Select(e => e.Seq));
        Assert.Contains(live, e => e.Event is ToolCallEvent);
        Assert.Contains(live, e => e.Event is ToolCallUpdateEvent { Status: ToolCallStatus.Completed });
        Assert.Contains(live, e => e.Event is MessageEvent m && m.Html.Contains("<strong>hello.txt</strong>", StringComparison.Ordinal));
        Assert.Equal(2, live.Count(e => e.Event is StatusEvent { Status: SessionStatus.Idle, StopReason: StopReason.EndTurn }));

        await using var restarted = new TestServer(home: home.Path);
        using var again = await restarted.ConnectInitializedAsync("after-restart");
        var history = await again.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = sessionId, Limit = 5000 });
        Assert.Equal(live.Select(e => (e.Seq, e.Event.GetType())), history.Events.Select(e => (e.Seq, e.Event.GetType())));
    }

    [Theory]
    [InlineData("codex")]
    [InlineData("opencode")]
    public async Task A_model_error_fails_the_turn_with_the_agents_message(string agentId)
    {
        await ConfigureAsync(agentId);
        model.Fault = ServerFault.Http(401);
        await using var server = new TestServer(o => o with { AgentIdleTimeout = TimeSpan.FromSeconds(60) }, home: home.Path);
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync(agentId, recorder);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = agentId, Cwd = sandbox.Repo, PermissionMode = PermissionMode.AcceptEdits });
        var result = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "hi" });
        Assert.Equal(StopReason.Error, result.StopReason);
        await Wait.UntilAsync(() => recorder.For(session.Id).Any(e => e.Event is ErrorEvent));
    }

    private async Task<(string WriteTool, string FirstArgs, string SecondArgs)> ConfigureAsync(string agentId)
    {
        switch (agentId)
        {
            case "codex":
                CodexCli.WriteConfig(sandbox, model.BaseUrl);
                await MaestroAgentSettings.WriteAsync(home.Path, agentId, AgentClis.Codex, CodexCli.Environment(sandbox));
                return ("exec_command", Json(new { cmd = "printf 'hello from maestro\\n' > hello.txt" }), Json(new { cmd = "printf 'second turn\\n' > second.txt" }));
            case "gemini":
                GeminiCli.WriteSettings(sandbox);
                await MaestroAgentSettings.WriteAsync(home.Path, agentId, AgentClis.Gemini, GeminiCli.Environment(sandbox, model.BaseUrl));
                return ("write_file", Json(new { file_path = sandbox.RepoFile("hello.txt"), content = "hello from maestro\n" }), Json(new { command = "printf 'second turn\\n' > second.txt", description = "Write second.txt" }));
            default:
                OpenCodeCli.WriteConfig(sandbox, model.BaseUrl);
                await MaestroAgentSettings.WriteAsync(home.Path, agentId, AgentClis.OpenCode, OpenCodeCli.Environment(sandbox));
                return ("write", Json(new { filePath = sandbox.RepoFile("hello.txt"), content = "hello from maestro\n" }), Json(new { command = "printf 'second turn\\n' > second.txt", description = "Write second.txt" }));
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
