using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;

namespace Maestro.Server.Tests.Agents;

/// <summary>
/// What every test of the real Claude Code CLI (or claude-agent-acp) through Maestro starts from: the
/// scripted model server, a sandbox with a git repo, and a MAESTRO_HOME whose settings.json points the
/// agent at both.
/// </summary>
public abstract class RealClaudeTestBase : IAsyncLifetime
{
    protected ScriptedModelServer Model { get; private set; } = null!;

    protected AgentSandbox Sandbox { get; private set; } = null!;

    protected TempDirectory Home { get; private set; } = null!;

    /// <summary>"claude-code", or "acp:claude" for the ACP agent.</summary>
    protected virtual string AgentId => "claude-code";

    protected abstract string SandboxName { get; }

    /// <summary>Variables added to the agent's environment, over the sandbox's.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Model = await ScriptedModelServer.StartAsync();
        Sandbox = await AgentSandbox.CreateAsync(SandboxName);
        Home = new TempDirectory("mh");
        var cli = AgentId == "acp:claude" ? AgentClis.ClaudeAgentAcp : AgentClis.Claude;
        var environment = ClaudeCodeCli.Environment(Sandbox, Model.BaseUrl);
        foreach (var (key, value) in ExtraEnvironment)
        {
            environment[key] = value;
        }

        await MaestroAgentSettings.WriteAsync(Home.Path, AgentId, cli, environment);
    }

    /// <summary>Stops the daemon a test may have started in <see cref="Home"/> (any CLI command, <c>maestro run</c> included, starts one), then the model server.</summary>
    public virtual async Task DisposeAsync()
    {
        await MaestroProcess.RunAsync(Home.Path, "daemon", "--stop");
        await Model.DisposeAsync();
        Sandbox.Dispose();
        Home.Dispose();
    }
}
