using System.Collections.Concurrent;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Sessions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Sessions;

/// <summary>A real ACP agent (claude-agent-acp from npm) through Maestro: permissions go to the editor, sessions reload after a restart.</summary>
[Collection(RealCliCollection.Name)]
public sealed class AcpSessionTests : RealClaudeTestBase
{
    protected override string AgentId => "acp:claude";

    protected override string SandboxName => "acp-session";


    [Fact]
    public async Task Permission_requests_reach_the_editor_the_agent_writes_and_the_session_reloads_after_a_restart()
    {
        var editor = new PermissionAnswerer("allow");
        string sessionId;
        IReadOnlyList<SessionEventNotification> live;
        await using (var server = new TestServer(home: Home.Path))
        {
            using var rpc = await server.ConnectInitializedAsync("acp-editor", editor, new ClientCapabilities { Permissions = true });
            var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "acp:claude", Cwd = Sandbox.Repo, PermissionMode = PermissionMode.Ask });
            sessionId = session.Id;

            Model.EnqueueTurn(ScriptStep.ToolCall("Write", Json(new { file_path = Sandbox.RepoFile("acp.txt"), content = "through acp\n" })), ScriptStep.Text("Created **acp.txt**."));
            var first = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Create acp.txt" });
            Assert.Equal(StopReason.EndTurn, first.StopReason);
            Assert.Equal("through acp\n", await File.ReadAllTextAsync(Sandbox.RepoFile("acp.txt")));

            var asked = Assert.Single(editor.Requests);
            Assert.Equal(session.Id, asked.SessionId);
            Assert.Equal("edit", asked.ToolCall.Kind);
            Assert.Contains(asked.Options, o => o.Kind == PermissionOptionKind.AllowOnce);

            Model.EnqueueTurn(ScriptStep.Text("Still here."));
            var second = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Second turn" });
            Assert.Equal(StopReason.EndTurn, second.StopReason);
            Assert.Contains("Create acp.txt", Model.ScriptedRequests[^1].Body, StringComparison.Ordinal);

            var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id, Limit = 5000 });
            live = history.Events;
        }

        Assert.Equal(Enumerable.Range(1, live.Count).Select(i => (long)i), live.Select(e => e.Seq));
        Assert.Contains(live, e => e.Event is PermissionRequestEvent { ChosenOptionId: "allow" });
        Assert.Contains(live, e => e.Event is ToolCallEvent { Kind: "edit" });
        Assert.Contains(live, e => e.Event is ToolCallUpdateEvent { Status: ToolCallStatus.Completed });
        Assert.Contains(live, e => e.Event is FileChangeEvent { Path: "acp.txt" });
        Assert.Contains(live, e => e.Event is MessageEvent m && m.Html.Contains("<strong>acp.txt</strong>", StringComparison.Ordinal));

        // After a restart the agent reloads its own session (session/load) and the conversation goes on.
        await using var restarted = new TestServer(home: Home.Path);
        using var again = await restarted.ConnectInitializedAsync("after-restart", editor, new ClientCapabilities { Permissions = true });
        Model.EnqueueTurn(ScriptStep.Text("Back."));
        var third = await again.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = "After restart" });
        Assert.Equal(StopReason.EndTurn, third.StopReason);
        Assert.Contains("Second turn", Model.ScriptedRequests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_editor_that_answers_the_ask_mode_refuses_and_nothing_is_written()
    {
        await using var server = new TestServer(home: Home.Path);
        using var rpc = await server.ConnectInitializedAsync("no-permissions");
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "acp:claude", Cwd = Sandbox.Repo, PermissionMode = PermissionMode.Ask });
        Model.EnqueueTurn(ScriptStep.ToolCall("Write", Json(new { file_path = Sandbox.RepoFile("refused.txt"), content = "no\n" })), ScriptStep.Text("I could not write it."));
        var result = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Create refused.txt" });
        Assert.Equal(StopReason.EndTurn, result.StopReason);
        Assert.False(File.Exists(Sandbox.RepoFile("refused.txt")));
        var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id });
        Assert.Contains(history.Events, e => e.Event is PermissionRequestEvent { ChosenOptionId: "reject" });
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>The editor's side of <c>permissions/request</c>: records each request and picks one option.</summary>
    public sealed class PermissionAnswerer(string optionId)
    {
        private readonly ConcurrentQueue<PermissionRequestParams> requests = new();

        public IReadOnlyList<PermissionRequestParams> Requests => [.. requests];

        [JsonRpcMethod(Methods.PermissionsRequest)]
        public PermissionResponse Answer(PermissionRequestParams request)
        {
            requests.Enqueue(request);
            return new PermissionResponse { OptionId = optionId };
        }
    }
}
