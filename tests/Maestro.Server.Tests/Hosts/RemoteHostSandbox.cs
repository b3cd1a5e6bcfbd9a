using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.Server.Tests.Protocol.Exchanges;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Tests.Hosts;

/// <summary>
/// A host with a real daemon behind a loopback sshd: the "remote" side is the server as built (on the remote PATH as
/// <c>maestro</c>), its own MAESTRO_HOME under the sshd user's temp HOME, so it is a daemon distinct from the local
/// in-process server; its Claude Code runs against the scripted model server (on 127.0.0.1 as well) in a sandbox.
/// The remote daemon outlives ssh connections (as on a real host) and is stopped when the test ends.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RemoteHostSandbox : IAsyncDisposable
{
    public const string HostName = "box";

    private RemoteHostSandbox(HostsSandbox hosts, ScriptedModelServer model, AgentSandbox agent)
    {
        Hosts = hosts;
        Model = model;
        Agent = agent;
    }

    public HostsSandbox Hosts { get; }

    public ScriptedModelServer Model { get; }

    /// <summary>The remote agent's sandbox: its repository is the remote session's cwd.</summary>
    public AgentSandbox Agent { get; }

    public TestServer Server => Hosts.Server;

    /// <summary>The remote daemon's MAESTRO_HOME.</summary>
    public string RemoteMaestroHome => Path.Combine(Hosts.Sshd.RemoteHome, ".maestro");

    public HostConnections Connections => Server.Services.GetRequiredService<HostConnections>();

    /// <param name="installed">False: the host has no maestro at all.</param>
    public static async Task<RemoteHostSandbox> StartAsync(bool installed = true)
    {
        var hosts = await HostsSandbox.StartAsync();
        var model = await ScriptedModelServer.StartAsync();
        var agent = await AgentSandbox.CreateAsync("claude-host");
        var sandbox = new RemoteHostSandbox(hosts, model, agent);
        if (installed)
        {
            File.CreateSymbolicLink(Path.Combine(hosts.Sshd.RemoteBin, "maestro"), Path.Combine(HostsSandbox.ServerFolder, "maestro"));
        }

        Directory.CreateDirectory(sandbox.RemoteMaestroHome);
        var environment = ClaudeCodeCli.Environment(agent, model.BaseUrl);
        environment["CLAUDE_CODE_MAX_RETRIES"] = "0";
        await MaestroAgentSettings.WriteAsync(sandbox.RemoteMaestroHome, "claude-code", AgentClis.Claude, environment);
        return sandbox;
    }

    /// <summary>Adds the host (the loopback sshd, as user@127.0.0.1:port) through the protocol.</summary>
    public static async Task AddHostAsync(ExchangeClient client, string destination, bool record = false)
    {
        var request = new HostAddParams
        {
            Name = HostName,
            Destination = destination,
            Env = new Dictionary<string, string> { ["MAESTRO_DAEMON_IDLE_SECONDS"] = "120" },
        };
        Exchange.AssertNoError(record ? await client.RecordAsync(Methods.HostsAdd, request, "forSessions") : await client.CallAsync(Methods.HostsAdd, request));
    }

    public async Task<ExchangeClient> ConnectAsync(ClientCapabilities? capabilities = null)
    {
        var client = new ExchangeClient(Server.ConnectRaw());
        Exchange.AssertNoError(await client.InitializeAsync("hosts-local", capabilities));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Hosts.DisposeAsync();

        // The remote daemon is a detached process of its own (a daemon): stop it as a host's admin would.
        var pidFile = Path.Combine(RemoteMaestroHome, "daemon.pid");
        if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
        {
            OsProcesses.KillIfRunning(pid);
        }

        await Model.DisposeAsync();
        Agent.Dispose();
    }
}
