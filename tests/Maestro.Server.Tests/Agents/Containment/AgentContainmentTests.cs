using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Sessions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Agents.Containment;

/// <summary>
/// An agent and everything it starts live and die as one process group (issue 13, H3): a killed daemon takes its
/// agents with it (parent-death signal), the next start stops whatever they left before it recovers, and a cancel
/// ends even a tool's orphaned background job. The agents are STAND-INS, named so: the sleeping one for Claude Code
/// (<c>claude-code</c>), and the misbehaving ACP agent (tests/fixtures/agents/misbehaving-acp.mjs as
/// <c>acp:misbehaving</c>, prompt <c>spawn-child</c>), which leaves a child and an orphaned job the same way.
/// </summary>
public sealed class AgentContainmentTests : IAsyncLifetime
{
    private readonly TempDirectory home = new("contain-home");
    private readonly TempDirectory work = new("contain-work");
    private readonly TempDirectory pids = new("contain-pids");

    public async Task InitializeAsync()
    {
        var env = new Dictionary<string, string> { ["SLEEPER_PIDS"] = pids.Path };
        var settings = new Dictionary<string, object>
        {
            ["agents"] = new Dictionary<string, object>
            {
                [MisbehavingAgents.Native] = new Dictionary<string, object> { ["path"] = SleepingClaudeStandIn.Create(pids.Path), ["env"] = env },
                [MisbehavingAgents.Acp] = new Dictionary<string, object> { ["command"] = Path.Combine(RepoRoot.Path, "tests", "fixtures", "agents", "misbehaving-acp.mjs"), ["env"] = env },
            },
        };
        await File.WriteAllTextAsync(Path.Combine(home.Path, "settings.json"), System.Text.Json.JsonSerializer.Serialize(settings));
    }

    public async Task DisposeAsync()
    {
        foreach (var name in new[] { "agent", "child", "orphan" })
        {
            var file = Path.Combine(pids.Path, name);
            if (File.Exists(file))
            {
                OsProcesses.KillIfRunning(int.Parse(await File.ReadAllTextAsync(file), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        home.Dispose();
        work.Dispose();
        pids.Dispose();
    }

    [Theory]
    [InlineData(MisbehavingAgents.Native, "work forever")]
    [InlineData(MisbehavingAgents.Acp, "spawn-child")]
    public async Task A_killed_daemon_takes_its_agent_along_and_the_restart_stops_what_the_agent_left_before_recovering(string agentId, string prompt)
    {
        string sessionId;
        int agent;
        await using (var daemon = MaestroProcess.Start(home.Path, "daemon"))
        {
            using var rpc = await DaemonRpc.ConnectAsync(home.Path);
            sessionId = await StartTurnAsync(rpc, agentId, prompt);
            agent = await OsProcesses.ReadPidAsync(Path.Combine(pids.Path, "agent"));
            await Wait.UntilAsync(async () => await StoredEvents.AgentProcessCountAsync(home.Path) == 1, TimeSpan.FromSeconds(15), "the daemon to record the agent's process group");
            daemon.Process.Kill(); // SIGKILL to the daemon alone, as the OOM killer would
            await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        var child = await OsProcesses.ReadPidAsync(Path.Combine(pids.Path, "child"));
        var orphan = await OsProcesses.ReadPidAsync(Path.Combine(pids.Path, "orphan"));
        await Wait.UntilAsync(() => !OsProcesses.IsRunning(agent), TimeSpan.FromSeconds(15), "the agent to die with its daemon (parent-death signal)");
        Assert.True(OsProcesses.IsRunning(child) || OsProcesses.IsRunning(orphan), "the test needs something the agent left running");

        await using var restarted = MaestroProcess.Start(home.Path, "daemon");
        await Wait.UntilAsync(() => (!OsProcesses.IsRunning(child) && !OsProcesses.IsRunning(orphan)) || restarted.Process.HasExited, TimeSpan.FromSeconds(30), "the restarted daemon to stop what the agent left");
        Assert.False(restarted.Process.HasExited, restarted.Stderr);
        await Wait.UntilAsync(async () => await StoredEvents.StatusAsync(home.Path, sessionId) == "failed", TimeSpan.FromSeconds(30), "recovery to end the interrupted turn");
        var error = (await StoredEvents.ReadAsync(home.Path, sessionId)).Select(e => e.Event).OfType<ErrorEvent>().Single();
        Assert.Contains($"the agent (pid {agent}) had exited, but processes it started were still running and were stopped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_ends_the_agents_whole_group_even_a_job_its_tool_left_in_the_background()
    {
        await using var daemon = MaestroProcess.Start(home.Path, "daemon");
        using var rpc = await DaemonRpc.ConnectAsync(home.Path);
        var sessionId = await StartTurnAsync(rpc, MisbehavingAgents.Native, "work forever");
        var agent = await OsProcesses.ReadPidAsync(Path.Combine(pids.Path, "agent"));
        var child = await OsProcesses.ReadPidAsync(Path.Combine(pids.Path, "child"));
        var orphan = await OsProcesses.ReadPidAsync(Path.Combine(pids.Path, "orphan"));
        Assert.True(OsProcesses.IsRunning(orphan));

        await rpc.InvokeWithParameterObjectAsync(Methods.SessionsCancel, new SessionIdParams { SessionId = sessionId });

        await Wait.UntilAsync(() => !OsProcesses.IsRunning(agent) && !OsProcesses.IsRunning(child) && !OsProcesses.IsRunning(orphan), TimeSpan.FromSeconds(15), "cancel to end the agent, its child and the orphaned background job");
        await Wait.UntilAsync(async () => await StoredEvents.StatusAsync(home.Path, sessionId) == "idle", TimeSpan.FromSeconds(15), "the cancelled turn to end");
    }

    /// <summary>Creates a session and sends a prompt that the stand-in never finishes; returns the session id.</summary>
    private async Task<string> StartTurnAsync(JsonRpc rpc, string agentId, string prompt)
    {
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = agentId, Cwd = work.Path, PermissionMode = PermissionMode.Bypass });
        _ = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = prompt });
        return session.Id;
    }
}
