using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Sessions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Agents.Acp;

/// <summary>
/// A permission question waits for the person as long as they take: the agent idle timeout does not run while it is
/// pending. The agent is the misbehaving ACP STAND-IN (tests/fixtures/agents/misbehaving-acp.mjs), prompt "permission".
/// </summary>
public sealed class AcpPermissionWaitTests : IAsyncLifetime
{
    private TempDirectory home = null!;
    private TempDirectory work = null!;

    public async Task InitializeAsync()
    {
        home = new TempDirectory("permission-home");
        work = new TempDirectory("permission-work");
        await MisbehavingAgents.WriteSettingsAsync(home.Path);
    }

    public Task DisposeAsync()
    {
        home.Dispose();
        work.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_permission_answered_after_the_idle_timeout_still_lets_the_turn_finish()
    {
        // Long enough for node to start the stand-in on a loaded machine; the wait below is three of them.
        var idle = TimeSpan.FromSeconds(5);
        await using var server = new TestServer(o => o with { AgentIdleTimeout = idle }, home: home.Path);
        var editor = new SlowEditor();
        using var rpc = await server.ConnectInitializedAsync("slow-person", editor, new ClientCapabilities { Permissions = true });
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "acp:misbehaving", Cwd = work.Path, PermissionMode = PermissionMode.Ask });

        var warm = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "ok" });
        Assert.Equal(StopReason.EndTurn, warm.StopReason);

        var prompt = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "permission" });
        await editor.Asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The person thinks for several idle timeouts: that is the situation under test, not a wait for a condition.
        await Task.Delay(idle * 3);
        Assert.False(prompt.IsCompleted, "the turn ended while its permission question was still open");
        editor.Answer.SetResult("yes");

        var result = await prompt.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(StopReason.EndTurn, result.StopReason);
        var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id, Limit = 100 });
        Assert.Contains(history.Events, e => e.Event is MessageEvent m && m.Text.Contains("permission: yes", StringComparison.Ordinal));
        Assert.DoesNotContain(history.Events, e => e.Event is ErrorEvent);
    }

    private sealed class SlowEditor
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        [JsonRpcMethod(Methods.PermissionsRequest)]
        public async Task<PermissionResponse> AskAsync(PermissionRequestParams request)
        {
            Assert.Equal("Run a command", request.ToolCall.Title);
            Asked.TrySetResult();
            return new PermissionResponse { OptionId = await Answer.Task };
        }
    }
}
