using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Sessions;

namespace Maestro.Server.Tests.Daemon;

/// <summary>
/// A running turn is work: the idle timer does not stop the daemon under it (issue 13, H4), and a turn the daemon
/// does stop (asked to) ends failed with an error event saying why, not as a plain "cancelled".
/// The agent is the sleeping STAND-IN for Claude Code, named so.
/// </summary>
public sealed class IdleDaemonTests : IDisposable
{
    private readonly TempDirectory home = new("idle-home");
    private readonly TempDirectory work = new("idle-work");
    private readonly TempDirectory pids = new("idle-pids");

    public void Dispose()
    {
        home.Dispose();
        work.Dispose();
        pids.Dispose();
    }

    [Fact]
    public async Task A_running_turn_keeps_a_daemon_with_no_client_up_and_a_stop_says_why_it_ended_the_turn()
    {
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", SleepingClaudeStandIn.Create(pids.Path), new Dictionary<string, string> { ["SLEEPER_PIDS"] = pids.Path });
        await using var daemon = MaestroProcess.Start(home.Path, new Dictionary<string, string> { ["MAESTRO_DAEMON_IDLE_SECONDS"] = "1" }, "daemon");
        string sessionId;
        int agent;
        using (var rpc = await DaemonRpc.ConnectAsync(home.Path))
        {
            var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = work.Path, PermissionMode = PermissionMode.Bypass });
            sessionId = session.Id;
            _ = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "work forever" });
            agent = await OsProcesses.ReadPidAsync(Path.Combine(pids.Path, "agent"));
        }

        // The last client left: after the idle timeout the daemon looks, finds the turn, and stays.
        await Wait.UntilAsync(() => daemon.Stderr.Contains("the daemon stays up", StringComparison.Ordinal) || daemon.Process.HasExited, TimeSpan.FromSeconds(30), "the idle timer to fire");
        Assert.False(daemon.Process.HasExited, "the idle daemon stopped under a running turn:\n" + daemon.Stderr);
        Assert.True(OsProcesses.IsRunning(agent), "the agent was stopped while no client was attached");
        Assert.Equal("running", await StoredEvents.StatusAsync(home.Path, sessionId));

        var (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        Assert.True(exit == 0, stdout);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("failed", await StoredEvents.StatusAsync(home.Path, sessionId));
        var events = (await StoredEvents.ReadAsync(home.Path, sessionId)).Select(e => e.Event).ToList();
        var error = Assert.Single(events.OfType<ErrorEvent>());
        Assert.Contains("the daemon was asked to stop", error.Message, StringComparison.Ordinal);
        Assert.Equal(StopReason.Error, events.OfType<StatusEvent>().Last().StopReason);
        Assert.False(OsProcesses.IsRunning(agent));
    }
}
