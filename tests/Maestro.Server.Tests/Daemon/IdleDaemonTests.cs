using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Sessions;

namespace Maestro.Server.Tests.Daemon;

/// <summary>
/// A running or queued turn is work: the idle timer does not stop the daemon under it (issue 13, H4), and a turn the
/// daemon does stop (asked to) ends failed with an error event saying why, not as a plain "cancelled".
/// The agents are STAND-INS for Claude Code, named so: the sleeping one, and the gated one whose turns end when the
/// test says.
/// </summary>
public sealed class IdleDaemonTests : IDisposable
{
    private readonly TempDirectory home = new("idle-home");
    private readonly TempDirectory work = new("idle-work");
    private readonly TempDirectory pids = new("idle-pids");
    private readonly TempDirectory gates = new("idle-gates");

    public void Dispose()
    {
        home.Dispose();
        work.Dispose();
        pids.Dispose();
        gates.Dispose();
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

    [Fact]
    public async Task A_queued_turn_keeps_a_daemon_with_no_client_up_until_it_ran_and_the_idle_time_passed()
    {
        GatedClaudeStandIn.MakeGate(gates.Path, "first");
        GatedClaudeStandIn.MakeGate(gates.Path, "second");
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", GatedClaudeStandIn.Create(gates.Path), new Dictionary<string, string> { ["GATES"] = gates.Path });
        await using var daemon = MaestroProcess.Start(home.Path, new Dictionary<string, string> { ["MAESTRO_DAEMON_IDLE_SECONDS"] = "1" }, "daemon");
        string sessionId;
        using (var rpc = await DaemonRpc.ConnectAsync(home.Path))
        {
            var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = work.Path, PermissionMode = PermissionMode.Bypass });
            sessionId = session.Id;
            _ = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "first" });
            await OsProcesses.ReadPidAsync(Path.Combine(gates.Path, "first.pid"));
            _ = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "second" });
            await Wait.UntilAsync(() => daemon.Stderr.Contains("waits behind the running turn", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the second prompt to queue behind the first");
        }

        // No client: the idle timer fires and finds the first turn running and the second waiting.
        await WaitForIdleCheckAsync(daemon, "the idle timer to fire while the second turn waits");
        Assert.False(File.Exists(Path.Combine(gates.Path, "second.pid")), "the second turn started before the first ended");

        // The first turn ends; the queued one runs, and the idle timer fires again under it.
        await GatedClaudeStandIn.OpenGateAsync(gates.Path, "first", TimeSpan.FromSeconds(30));
        await OsProcesses.ReadPidAsync(Path.Combine(gates.Path, "second.pid"));
        await WaitForIdleCheckAsync(daemon, "the idle timer to fire while the second turn runs");
        Assert.Equal("running", await StoredEvents.StatusAsync(home.Path, sessionId));

        // Both done: only now, after the idle time, does the daemon stop by itself.
        await GatedClaudeStandIn.OpenGateAsync(gates.Path, "second", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("the daemon stops", daemon.Stderr, StringComparison.Ordinal);

        var events = (await StoredEvents.ReadAsync(home.Path, sessionId)).Select(e => e.Event).ToList();
        Assert.Empty(events.OfType<ErrorEvent>());
        Assert.Equal(["first", "second"], events.OfType<PromptEvent>().Select(p => p.Text));
        var ends = events.OfType<StatusEvent>().Where(s => s.StopReason is not null).ToList();
        Assert.Equal([StopReason.EndTurn, StopReason.EndTurn], ends.Select(s => s.StopReason));
        Assert.Equal(events.OfType<PromptEvent>().Select(p => p.TurnId), ends.Select(s => s.TurnId));
        Assert.Equal("idle", await StoredEvents.StatusAsync(home.Path, sessionId));
    }

    /// <summary>Waits for the idle timer's next "stays up" (a count, so each call needs a fresh one); fails if the daemon exited instead.</summary>
    private static async Task WaitForIdleCheckAsync(MaestroProcess daemon, string what)
    {
        const string staysUp = "the daemon stays up";
        var seen = Count(daemon.Stderr, staysUp);
        await Wait.UntilAsync(() => Count(daemon.Stderr, staysUp) > seen || daemon.Process.HasExited, TimeSpan.FromSeconds(30), what);
        Assert.False(daemon.Process.HasExited, "the idle daemon stopped under a queued or running turn:\n" + daemon.Stderr);
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
