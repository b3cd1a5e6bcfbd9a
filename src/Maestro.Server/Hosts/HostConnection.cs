using Maestro.Protocol;
using Maestro.Server.Agents.Permissions;
using Maestro.Server.Cli;
using Maestro.Server.Errors;
using Maestro.Server.Hosts.Errors;
using Maestro.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Hosts;

/// <summary>
/// The local daemon's connection to one host, kept up while the daemon runs once something used the host: connects,
/// and when the connection is lost (network, a killed ssh, a sleeping laptop) tries again with backoff. The host's
/// daemon keeps its agents running meanwhile; when the connection is back the relay fills what was missed.
/// </summary>
internal sealed class HostConnection : IAsyncDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    private readonly HostRecord host;
    private readonly SshClient ssh;
    private readonly TimeSpan openTimeout;
    private readonly ILogger logger;
    private readonly HostListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock sync = new();
    private TaskCompletionSource<DaemonClient?> attempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<DaemonClient> online = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HostLink? link;
    private HostState state = HostState.Offline;
    private string? lastError;
    private Task? loop;

    public HostConnection(HostRecord host, SshClient ssh, TimeSpan openTimeout, HostSessionRelay relay, PermissionBroker permissions, ConnectionRegistry clients, Func<Run, Run> runSeen, Func<Room, Room> roomSeen, ILogger logger)
    {
        this.host = host;
        this.ssh = ssh;
        this.openTimeout = openTimeout;
        this.logger = logger;
        Relay = relay;
        listener = new HostListener(host.Name, relay, permissions, clients, runSeen, roomSeen);
    }

    public string Name => host.Name;

    public HostSessionRelay Relay { get; }

    public HostState State
    {
        get
        {
            lock (sync)
            {
                return state;
            }
        }
    }

    public string? LastError
    {
        get
        {
            lock (sync)
            {
                return lastError;
            }
        }
    }

    /// <summary>The pid of the ssh process while connected (tests kill it to cut the connection).</summary>
    public int? SshProcessId
    {
        get
        {
            lock (sync)
            {
                return link?.ProcessId;
            }
        }
    }

    /// <summary>Starts connecting, once; later calls do nothing.</summary>
    public void Start()
    {
        lock (sync)
        {
            if (loop is null)
            {
                state = HostState.Connecting;
                loop = Task.Run(RunAsync);
            }
        }
    }

    /// <summary>
    /// The connected client: at once when online, after the attempt under way when connecting; a host that is offline
    /// (its last attempt failed, the next one waits for its backoff) is an error that says why.
    /// </summary>
    public async Task<DaemonClient> ClientAsync(CancellationToken cancellationToken)
    {
        Start();
        Task<DaemonClient?> pending;
        lock (sync)
        {
            if (state == HostState.Online && link is not null)
            {
                return link.Client;
            }

            pending = attempt.Task;
            if (state == HostState.Offline)
            {
                throw Offline();
            }
        }

        return await pending.WaitAsync(cancellationToken) ?? throw Offline();
    }

    /// <summary>Completes when the attempt under way (the first one, right after <see cref="Start"/>) has succeeded or failed.</summary>
    public Task SettledAsync(CancellationToken cancellationToken)
    {
        Task pending;
        lock (sync)
        {
            pending = state == HostState.Connecting ? attempt.Task : Task.CompletedTask;
        }

        return pending.WaitAsync(cancellationToken);
    }

    /// <summary>Waits until the connection is up again (a turn whose connection was lost waits for its end this way).</summary>
    public Task<DaemonClient> ReconnectedAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return online.Task.WaitAsync(cancellationToken);
        }
    }

    public HostUnreachableException Offline()
        => new($"Host '{host.Name}' is offline{(LastError is { } why ? ": " + why : ".")} Maestro keeps trying to reconnect; its sessions go on running there.");

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await Relay.DisposeAsync();
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            TaskCompletionSource<DaemonClient?> current;
            lock (sync)
            {
                state = HostState.Connecting;
                current = attempt;
            }

            var wasOnline = false;
            try
            {
                var opened = await HostLink.OpenAsync(host, ssh, HostService.Version, listener, openTimeout, logger, stopping.Token);
                await using (opened)
                {
                    await Relay.OnlineAsync(opened.Client, stopping.Token);
                    lock (sync)
                    {
                        link = opened;
                        state = HostState.Online;
                        lastError = null;
                        online.TrySetResult(opened.Client);
                    }

                    wasOnline = true;
                    failures = 0;
                    logger.LogInformation("Host {Host} is online", host.Name);
                    current.TrySetResult(opened.Client);
                    await opened.Closed.WaitAsync(stopping.Token);
                    lock (sync)
                    {
                        lastError = $"The connection was lost ({opened.Describe()}).";
                        link = null;
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                var message = ex is MaestroException ? ex.Message : $"Connecting failed: {ex.Message}";
                lock (sync)
                {
                    lastError = message;
                    link = null;
                }

                logger.LogWarning("Host {Host}: {Error}", host.Name, message);
            }

            lock (sync)
            {
                state = HostState.Offline;
                attempt = new TaskCompletionSource<DaemonClient?>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (online.Task.IsCompleted)
                {
                    online = new TaskCompletionSource<DaemonClient>(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            current.TrySetResult(null);
            if (wasOnline)
            {
                logger.LogWarning("Host {Host} went offline: {Error}", host.Name, LastError);
            }

            await Relay.OfflineAsync();
            try
            {
                await Task.Delay(Backoff[Math.Min(failures, Backoff.Length - 1)], stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        lock (sync)
        {
            state = HostState.Offline;
            link = null;
        }

        attempt.TrySetResult(null);
    }
}
