using Maestro.Protocol;
using Maestro.Server.Tests.Playbooks;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Sessions;

namespace Maestro.Server.Tests.Daemon;

/// <summary>
/// Only the daemon lock's holder touches sessions (issue 13, H5): a second <c>maestro daemon</c> leaves before it
/// opens the database, and a daemon started while <c>maestro run</c> works leaves that run's live session alone.
/// The agents are STAND-INs for Claude Code (shell scripts), named so.
/// </summary>
public sealed class SecondDaemonTests
{
    [Fact]
    public async Task A_second_daemon_started_during_a_turn_says_the_first_runs_and_touches_nothing()
    {
        using var home = new TempDirectory("second-home");
        using var work = new TempDirectory("second-work");
        using var pids = new TempDirectory("second-pids");
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", SleepingClaudeStandIn.Create(pids.Path), new Dictionary<string, string> { ["SLEEPER_PIDS"] = pids.Path });
        await using var daemon = MaestroProcess.Start(home.Path, "daemon");
        try
        {
            using var rpc = await DaemonRpc.ConnectAsync(home.Path);
            var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = work.Path, PermissionMode = PermissionMode.Bypass });
            _ = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "work forever" });
            await OsProcesses.ReadPidAsync(Path.Combine(pids.Path, "agent"));

            var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "daemon");

            Assert.True(exit == 0, stderr);
            Assert.Contains($"already running for {home.Path} (pid {daemon.Process.Id})", stdout, StringComparison.Ordinal);
            Assert.Equal("running", await StoredEvents.StatusAsync(home.Path, session.Id));
            Assert.Empty((await StoredEvents.ReadAsync(home.Path, session.Id)).Select(e => e.Event).OfType<ErrorEvent>());

            // The first daemon still owns the session: the turn ends normally and its events keep their order.
            await rpc.InvokeWithParameterObjectAsync(Methods.SessionsCancel, new SessionIdParams { SessionId = session.Id });
            await Wait.UntilAsync(async () => await StoredEvents.StatusAsync(home.Path, session.Id) == "idle", TimeSpan.FromSeconds(15), "the cancelled turn to end");
            var events = await StoredEvents.ReadAsync(home.Path, session.Id);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
            Assert.Empty(events.Select(e => e.Event).OfType<ErrorEvent>());
            Assert.Equal(SessionStatus.Idle, events.Select(e => e.Event).OfType<StatusEvent>().Last().Status);
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        }
    }

    [Fact]
    public async Task A_daemon_started_during_maestro_run_leaves_the_runs_live_session_alone()
    {
        await using var fixture = new StandInRunFixture();
        var doc = fixture.Write("pb.md", "- [ ] Take a while (slow)\n");
        await using var run = MaestroProcess.Start(fixture.Home, "run", doc, "--agent", "claude-code", "--json", "--in-process", "--cwd", fixture.Repo);
        try
        {
            string? sessionId = null;
            await Wait.UntilAsync(
                async () =>
                {
                    sessionId = (await StoredEvents.SessionIdsAsync(fixture.Home)).SingleOrDefault();
                    return sessionId is not null && await StoredEvents.StatusAsync(fixture.Home, sessionId) == "running";
                },
                TimeSpan.FromSeconds(30),
                "maestro run to start its task's turn");

            // Any command that talks to the daemon starts one; it must not recover the run's live turn.
            var (exit, _, stderr) = await MaestroProcess.RunAsync(fixture.Home, "sessions", "list");
            Assert.True(exit == 0, stderr);
            await Wait.UntilAsync(() => DaemonLog(fixture.Home).Contains($"Session {sessionId} is worked by another live Maestro process", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the daemon's recovery to pass over the run's session");

            Assert.Equal("running", await StoredEvents.StatusAsync(fixture.Home, sessionId!));
            Assert.Empty((await StoredEvents.ReadAsync(fixture.Home, sessionId!)).Select(e => e.Event).OfType<ErrorEvent>());
            Assert.False(run.Process.HasExited, "maestro run ended early: " + run.Stderr);
        }
        finally
        {
            await MaestroProcess.RunAsync(fixture.Home, "daemon", "--stop");
        }
    }

    private static string DaemonLog(string home)
    {
        var logs = Path.Combine(home, "logs");
        return string.Concat(Directory.Exists(logs) ? Directory.EnumerateFiles(logs, "daemon-*.log").Select(ReadShared) : []);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
