using Maestro.Protocol;
using Maestro.Server.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Sessions;
using Maestro.Server.Tests.Agents;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Sessions;

/// <summary>The real Claude Code CLI from npm, driven through Maestro's protocol against the scripted model server.</summary>
[Collection(RealCliCollection.Name)]
public sealed class ClaudeCodeSessionTests : RealClaudeTestBase
{
    protected override string SandboxName => "claude-session";


    [Fact]
    public async Task A_session_writes_a_file_streams_contiguous_events_resumes_and_survives_a_restart()
    {
        IReadOnlyList<SessionEventNotification> live;
        string sessionId;
        await using (var server = new TestServer(home: Home.Path))
        {
            var recorder = new EventRecorder();
            using var rpc = await server.ConnectInitializedAsync("claude-e2e", recorder);
            var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams
            {
                AgentId = "claude-code",
                Cwd = Sandbox.Repo,
                PermissionMode = PermissionMode.Bypass,
            });
            sessionId = session.Id;
            Assert.Equal(SessionStatus.Idle, session.Status);

            Model.EnqueueTurn(ScriptStep.ToolCall("Write", $$"""{"file_path":"{{Sandbox.RepoFile("hello.txt")}}","content":"hello from claude\n"}"""), ScriptStep.Text("I wrote **hello.txt**."));
            var first = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Write hello.txt" });
            Assert.Equal(StopReason.EndTurn, first.StopReason);
            Assert.Equal("hello from claude\n", await File.ReadAllTextAsync(Sandbox.RepoFile("hello.txt")));

            var afterFirst = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id });
            Assert.NotNull(afterFirst.AgentSessionId);
            Assert.True(afterFirst.Usage.InputTokens > 0);

            Model.EnqueueTurn(ScriptStep.Text("Still here."));
            var second = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Are you there?" });
            Assert.Equal(StopReason.EndTurn, second.StopReason);

            // The second turn resumed the agent's own conversation: the model saw the first prompt again.
            Assert.Contains("Write hello.txt", Model.ScriptedRequests[^1].Body, StringComparison.Ordinal);

            var final = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id });
            await Wait.UntilAsync(() => recorder.For(session.Id).Count >= final.LastSeq, what: "every event to arrive");
            live = recorder.For(session.Id);
        }

        // Live events: contiguous from 1, the tool call, the file change, the final message with HTML.
        Assert.Equal(Enumerable.Range(1, live.Count).Select(i => (long)i), live.Select(e => e.Seq));
        Assert.Contains(live, e => e.Event is ToolCallEvent { Kind: "edit" } t && t.Title.Contains("hello.txt", StringComparison.Ordinal));
        Assert.Contains(live, e => e.Event is ToolCallUpdateEvent { Status: ToolCallStatus.Completed });
        Assert.Contains(live, e => e.Event is FileChangeEvent { Path: "hello.txt", Change: FileChangeKind.Added });
        Assert.Contains(live, e => e.Event is MessageEvent m && m.Html.Contains("<strong>hello.txt</strong>", StringComparison.Ordinal));
        Assert.Contains(live, e => e.Event is UsageEvent);
        Assert.Equal(2, live.Count(e => e.Event is PromptEvent));

        // After a restart, the same events come back from history, page by page.
        await using (var restarted = new TestServer(home: Home.Path))
        {
            using var rpc = await restarted.ConnectInitializedAsync("after-restart");
            var replayed = new List<SessionEventNotification>();
            long after = 0;
            while (true)
            {
                var page = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = sessionId, AfterSeq = after, Limit = 3 });
                replayed.AddRange(page.Events);
                if (!page.HasMore)
                {
                    break;
                }

                after = page.Events[^1].Seq;
            }

            Assert.Equal(live.Select(e => (e.Seq, e.Event.GetType())), replayed.Select(e => (e.Seq, e.Event.GetType())));

            // And the conversation resumes after the restart.
            Model.EnqueueTurn(ScriptStep.Text("Back again."));
            var third = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = "After restart?" });
            Assert.Equal(StopReason.EndTurn, third.StopReason);
            Assert.Contains("Are you there?", Model.ScriptedRequests[^1].Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_client_that_takes_batches_gets_every_event_once_in_order_and_others_one_by_one()
    {
        await using var server = new TestServer(home: Home.Path);
        var batched = new EventRecorder();
        var single = new EventRecorder();
        using var batchedClient = await server.ConnectInitializedAsync("batched", batched, new ClientCapabilities { BatchedEvents = true });
        using var singleClient = await server.ConnectInitializedAsync("single", single);
        var session = await batchedClient.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = Sandbox.Repo, PermissionMode = PermissionMode.Bypass });
        Model.EnqueueTurn(ScriptStep.Text("Some **text** in a few words."));
        await batchedClient.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Talk" });
        var last = (await batchedClient.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id })).LastSeq;
        await Wait.UntilAsync(() => batched.For(session.Id).Count >= last && single.For(session.Id).Count >= last, what: "both clients to have every event");
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), batched.For(session.Id).Select(e => e.Seq));
        Assert.Equal(batched.For(session.Id).Select(e => e.Seq), single.For(session.Id).Select(e => e.Seq));
        Assert.True(batched.Batches > 0 && batched.Batches <= last);
        Assert.Equal(0, single.Batches);
    }

    [Fact]
    public async Task A_dead_model_endpoint_ends_the_turn_with_a_clear_error_within_the_idle_timeout()
    {
        Model.Fault = ServerFault.Hang;
        await using var server = new TestServer(o => o with { AgentIdleTimeout = TimeSpan.FromSeconds(5) }, home: Home.Path);
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("hang", recorder);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = Sandbox.Repo, PermissionMode = PermissionMode.Bypass });
        var result = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "hello?" });
        Assert.Equal(StopReason.Error, result.StopReason);
        await Wait.UntilAsync(() => recorder.For(session.Id).Any(e => e.Event is ErrorEvent));
        var error = (ErrorEvent)recorder.For(session.Id).First(e => e.Event is ErrorEvent).Event;
        Assert.Contains("idle timeout", error.Message, StringComparison.Ordinal);
        var after = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id });
        Assert.Equal(SessionStatus.Failed, after.Status);
    }

    [Fact]
    public async Task Cancel_kills_the_agent_and_the_turn_ends_cancelled()
    {
        Model.Fault = ServerFault.Hang;
        await using var server = new TestServer(home: Home.Path);
        using var rpc = await server.ConnectInitializedAsync("cancel");
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = Sandbox.Repo, PermissionMode = PermissionMode.Bypass });
        var prompt = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "wait forever" });
        var queued = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "then this" });
        await Wait.UntilAsync(() => Model.Requests.Count > 0, what: "the agent to call the model");

        // Start-up recovery runs in the background; reaching a turn this process started must leave it running.
        await server.Services.GetRequiredService<SessionService>().RecoverInterruptedAsync(CancellationToken.None);
        var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id });
        Assert.DoesNotContain(history.Events, e => e.Event is ErrorEvent);

        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.SessionsCancel, new SessionIdParams { SessionId = session.Id });
        Assert.Equal(StopReason.Cancelled, (await prompt).StopReason);
        Assert.Equal(StopReason.Cancelled, (await queued).StopReason);
        var after = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id });
        Assert.Equal(SessionStatus.Idle, after.Status);
    }

    [Fact]
    public async Task Unknown_sessions_and_agents_get_typed_errors()
    {
        await using var server = new TestServer(home: Home.Path);
        using var rpc = await server.ConnectInitializedAsync("errors");
        var notFound = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = "s_nope" }));
        Assert.Equal(ErrorCodes.SessionNotFound, notFound.ErrorCode);
        var noAgent = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "nobody", Cwd = Sandbox.Repo }));
        Assert.Equal(ErrorCodes.AgentUnavailable, noAgent.ErrorCode);
        // StreamJsonRpc's client surfaces -32602 as RemoteMethodNotFoundException ("no method with matching params").
        var noFolder = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = "/definitely/not/here" }));
        Assert.Equal(ErrorCodes.InvalidParams, (int)noFolder.ErrorCode);
        Assert.Contains("does not exist", noFolder.Message, StringComparison.Ordinal);
    }
}
