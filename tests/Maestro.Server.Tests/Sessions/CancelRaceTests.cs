using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;
using Maestro.TestSupport.Sessions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Sessions;

/// <summary>
/// A cancel that lands while a turn is starting (the folder snapshot, the conversation's cost so far, the process
/// start) is the person's cancel: the prompt answers "cancelled" and the session is idle, never "failed". The agent is
/// the Claude Code STAND-IN script, so many turns fit in seconds and the cancel lands at many different moments.
/// </summary>
public sealed class CancelRaceTests
{
    private const int Turns = 30;

    [Fact]
    public async Task A_cancel_at_any_moment_of_a_starting_turn_ends_it_cancelled()
    {
        using var home = new TempDirectory("home");
        using var repository = TestRepository.Create(new Dictionary<string, string> { ["README.md"] = "# repo\n" });
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", ClaudeStandIn.Create(home.Path), new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = home.Path });
        await using var server = new TestServer(home: home.Path);
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("cancel-race", recorder);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = repository.Root, PermissionMode = PermissionMode.Bypass });
        // A first turn gives the session an agent conversation: later turns read its cost so far before they start.
        Assert.Equal(StopReason.EndTurn, (await Prompt(rpc, session.Id, "Say hello")).StopReason);

        for (var i = 0; i < Turns; i++)
        {
            var running = recorder.For(session.Id).Count(e => e.Event is StatusEvent { Status: SessionStatus.Running });
            var prompt = Prompt(rpc, session.Id, "Your task (line 1 of the document): wait (slow)");
            await Wait.UntilAsync(() => recorder.For(session.Id).Count(e => e.Event is StatusEvent { Status: SessionStatus.Running }) > running, what: "the turn to start");
            // Spread the cancels over the turn's first milliseconds, where it snapshots, reads the cost and starts the agent.
            for (var spin = 0; spin < i * 20_000; spin++)
            {
                Thread.SpinWait(1);
            }

            await rpc.InvokeWithParameterObjectAsync<object?>(Methods.SessionsCancel, new SessionIdParams { SessionId = session.Id });
            Assert.Equal(StopReason.Cancelled, (await prompt).StopReason);
        }

        var after = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id });
        Assert.Equal(SessionStatus.Idle, after.Status);
        Assert.DoesNotContain(recorder.For(session.Id), e => e.Event is ErrorEvent);
    }

    private static Task<SessionPromptResult> Prompt(JsonRpc rpc, string sessionId, string text)
        => rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = text });
}
