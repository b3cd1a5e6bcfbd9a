using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.Server.Tests.Git;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Sessions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Sessions;

/// <summary>
/// <c>sessions/configure</c> with the real Claude Code and Codex CLIs on the scripted model: model and permission mode
/// change for the next turn, a running turn refuses any change, an unknown agent is AgentUnavailable, and a switch to
/// Codex goes on in the same Maestro session with a fresh Codex conversation, every client told.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class SessionConfigureTests : RealClaudeTestBase
{
    protected override string SandboxName => "session-configure";

    [Fact]
    public async Task Configure_changes_the_next_turn_refuses_while_one_runs_and_switches_the_backend_to_codex()
    {
        CodexCli.WriteConfig(Sandbox, Model.BaseUrl);
        await MaestroAgentSettings.WriteAsync(Home.Path, new Dictionary<string, (string, IReadOnlyDictionary<string, string>)>
        {
            ["claude-code"] = (AgentClis.Claude, ClaudeCodeCli.Environment(Sandbox, Model.BaseUrl)),
            ["codex"] = (AgentClis.Codex, CodexCli.Environment(Sandbox)),
        });

        await using var server = new TestServer(home: Home.Path);
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("configure", recorder);
        var other = new EventRecorder();
        using var watcher = await server.ConnectInitializedAsync("watcher", other);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = Sandbox.Repo, PermissionMode = PermissionMode.Bypass });

        Model.EnqueueTurn(ScriptStep.Text("Claude here."));
        var first = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Who is there?" });
        Assert.Equal(StopReason.EndTurn, first.StopReason);
        var claudeConversation = (await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id })).AgentSessionId;
        Assert.NotNull(claudeConversation);

        // Model and permission mode: stored, every client hears of it, and the next turn runs with them.
        var tuned = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = session.Id, Model = "claude-tuned-model", PermissionMode = PermissionMode.AcceptEdits });
        Assert.Equal(("claude-code", "claude-tuned-model", PermissionMode.AcceptEdits), (tuned.AgentId, tuned.Model, tuned.PermissionMode));
        Assert.Equal(claudeConversation, tuned.AgentSessionId);
        await Wait.UntilAsync(() => other.Changes.Any(s => s.Id == session.Id && s.Model == "claude-tuned-model" && s.PermissionMode == PermissionMode.AcceptEdits), what: "the second client to hear of the new model");
        Model.EnqueueTurn(ScriptStep.Text("Tuned."));
        Assert.Equal(StopReason.EndTurn, (await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "And now?" })).StopReason);
        Assert.Contains("claude-tuned-model", Model.ScriptedRequests[^1].Body, StringComparison.Ordinal);

        // An empty model goes back to the agent's default.
        Assert.Null((await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = session.Id, Model = "" })).Model);

        // A running turn refuses any change, with what to do; after the cancel the session takes it again.
        // Only the tool call: the turn is cancelled before it asks again, and a reply left queued would answer Codex.
        Model.EnqueueTurn(ScriptStep.ToolCall("Bash", Json(new { command = "timeout 120 tail -f README.md", description = "Wait a long time" })));
        var running = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Wait" });
        await Wait.UntilAsync(() => recorder.For(session.Id).Any(e => e.Event is ToolCallEvent), what: "the long command to start");
        var refused = await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = session.Id, AgentId = "codex" }), ErrorCodes.Busy);
        Assert.Contains("is running a turn; wait for it to end, or cancel it", refused.Message, StringComparison.Ordinal);
        await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = session.Id, PermissionMode = PermissionMode.Ask }), ErrorCodes.Busy);
        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.SessionsCancel, new SessionIdParams { SessionId = session.Id });
        Assert.Equal(StopReason.Cancelled, (await running).StopReason);
        Assert.Equal(0, Model.PendingReplies);
        Assert.Equal("claude-code", (await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id })).AgentId);

        var unknown = await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = session.Id, AgentId = "no-such-agent" }), ErrorCodes.AgentUnavailable);
        Assert.Contains("no-such-agent", unknown.Message, StringComparison.Ordinal);
        await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = "s_000000000000", AgentId = "codex" }), ErrorCodes.SessionNotFound);

        // The switch: same Maestro session, a fresh Codex conversation, the agent's default model, every client told.
        var switched = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = session.Id, AgentId = "codex", PermissionMode = PermissionMode.AcceptEdits });
        Assert.Equal((session.Id, "codex", (string?)null, (string?)null), (switched.Id, switched.AgentId, switched.AgentSessionId, switched.Model));
        await Wait.UntilAsync(() => other.Changes.Any(s => s.Id == session.Id && s.AgentId == "codex"), what: "the second client to hear of the switch");
        Model.EnqueueTurn(ScriptStep.ToolCall("exec_command", Json(new { cmd = "printf 'from codex\\n' > codex.txt" })), ScriptStep.Text("Codex wrote **codex.txt**."));
        var byCodex = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Write codex.txt" });
        Assert.True(byCodex.StopReason == StopReason.EndTurn, string.Join("\n", recorder.For(session.Id).Select(e => e.Event).OfType<ErrorEvent>().Select(e => e.Message)));
        Assert.Equal("from codex\n", await File.ReadAllTextAsync(Sandbox.RepoFile("codex.txt")));
        Assert.DoesNotContain("Who is there?", Model.ScriptedRequests[^1].Body, StringComparison.Ordinal);
        var after = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id });
        Assert.NotNull(after.AgentSessionId);
        Assert.NotEqual(claudeConversation, after.AgentSessionId);

        // One transcript across both agents, numbered on without a gap.
        var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id, Limit = 5000 });
        Assert.Equal(Enumerable.Range(1, history.Events.Count).Select(i => (long)i), history.Events.Select(e => e.Seq));
        Assert.Equal(["Who is there?", "And now?", "Wait", "Write codex.txt"], history.Events.Select(e => e.Event).OfType<PromptEvent>().Select(p => p.Text));
    }

    [Fact]
    public async Task Configure_with_a_worktree_moves_the_next_turn_into_a_fresh_worktree_and_conversation()
    {
        await MaestroAgentSettings.WriteAsync(Home.Path, "claude-code", AgentClis.Claude, ClaudeCodeCli.Environment(Sandbox, Model.BaseUrl));
        await using var server = new TestServer(home: Home.Path);
        using var rpc = await server.ConnectInitializedAsync("configure-worktree", new EventRecorder());
        var other = new EventRecorder();
        using var watcher = await server.ConnectInitializedAsync("watcher", other);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = Sandbox.Repo, PermissionMode = PermissionMode.Bypass });
        Model.EnqueueTurn(ScriptStep.Text("Noted: banana."));
        Assert.Equal(StopReason.EndTurn, (await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Remember banana" })).StopReason);

        var moved = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = session.Id, Worktree = new WorktreeRequest { Branch = "moved-here" } });
        Assert.Equal(("moved-here", (string?)null, session.Cwd), (moved.Branch, moved.AgentSessionId, moved.Cwd));
        Assert.NotNull(moved.Worktree);
        Assert.NotEqual(session.Cwd, moved.Worktree);
        Assert.True(File.Exists(Path.Combine(moved.Worktree!, "README.md")), "the worktree has the repository's HEAD checked out");
        await Wait.UntilAsync(() => other.Changes.Any(s => s.Id == session.Id && s.Worktree == moved.Worktree), what: "the second client to hear of the move");

        // The same branch again is refused by the worktrees feature, and the session stays where it is.
        var refused = await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = session.Id, Worktree = new WorktreeRequest { Branch = "moved-here" } }), ErrorCodes.InvalidParams);
        Assert.Contains("already exists", refused.Message, StringComparison.Ordinal);

        Model.EnqueueTurn(ScriptStep.ToolCall("Bash", Json(new { command = "pwd > where.txt", description = "Say where" })), ScriptStep.Text("Wrote where.txt."));
        Assert.Equal(StopReason.EndTurn, (await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Where are you?" })).StopReason);
        Assert.Equal(moved.Worktree, (await File.ReadAllTextAsync(Path.Combine(moved.Worktree!, "where.txt"))).Trim());
        Assert.False(File.Exists(Sandbox.RepoFile("where.txt")));
        Assert.DoesNotContain("banana", Model.ScriptedRequests[^1].Body, StringComparison.Ordinal);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
