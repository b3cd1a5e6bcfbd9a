using System.Diagnostics;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.Server.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Maestro.Server.Daemon;

/// <summary>Operations of the daemon itself, used by <c>maestro daemon --status</c> and <c>--stop</c>.</summary>
public sealed class DaemonRpcHandlers : IRpcHandlers
{
    private readonly DaemonState state;
    private readonly MaestroOptions options;
    private readonly ConnectionRegistry registry;
    private readonly IHostApplicationLifetime lifetime;
    private readonly ClientConnection connection;
    private readonly ILogger<DaemonRpcHandlers> logger;

    public DaemonRpcHandlers(DaemonState state, MaestroOptions options, ConnectionRegistry registry, IHostApplicationLifetime lifetime, ClientConnection connection, ILogger<DaemonRpcHandlers> logger)
    {
        this.state = state;
        this.options = options;
        this.registry = registry;
        this.lifetime = lifetime;
        this.connection = connection;
        this.logger = logger;
    }

    [JsonRpcMethod(Methods.DaemonStatus)]
    public DaemonStatusResult Status()
    {
        using var self = Process.GetCurrentProcess();
        return new DaemonStatusResult
        {
            Pid = Environment.ProcessId,
            Version = BuildInfo.Version,
            Home = options.Paths.Home,
            Endpoint = state.Endpoint,
            StartedAt = state.StartedAt,
            Connections = registry.Count,
            WorkingSetBytes = self.WorkingSet64,
            PathFolders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries),
            CredentialVariables = DaemonEnvironment.CredentialsSet(Environment.GetEnvironmentVariable),
        };
    }

    [JsonRpcMethod(Methods.DaemonStop)]
    public object? Stop()
    {
        logger.LogInformation("Stop requested by connection {Connection}", connection.Describe());
        // Answer first, then stop: the caller gets its response before the socket closes.
        _ = Task.Run(async () =>
        {
            await Task.Delay(50);
            lifetime.StopApplication();
        });
        return null;
    }
}
