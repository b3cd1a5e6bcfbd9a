using System.IO.Pipes;
using System.Net.Sockets;
using Maestro.Server.Hosting;
using Maestro.Server.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Daemon;

/// <summary>
/// The per-user daemon: owns the endpoint, serves every client that connects (editors through
/// <c>serve --stdio</c>, the CLI), and stops after a spell with no client.
/// </summary>
internal sealed class DaemonService : BackgroundService
{
    private readonly MaestroOptions options;
    private readonly RpcServer server;
    private readonly ConnectionRegistry registry;
    private readonly DaemonState state;
    private readonly IHostApplicationLifetime lifetime;
    private readonly ILogger<DaemonService> logger;
    private readonly IReadOnlyList<IBackgroundWork> work;

    /// <summary>
    /// Connections accepted and not yet closed. The registry only counts a connection once it is set up, which takes
    /// a while on a busy machine (the first one builds every handler): the idle timer must not stop the daemon under it.
    /// </summary>
    private int open;

    public DaemonService(MaestroOptions options, RpcServer server, ConnectionRegistry registry, DaemonState state, IHostApplicationLifetime lifetime, ILogger<DaemonService> logger, IEnumerable<IBackgroundWork> work, DaemonLock daemonLock)
    {
        _ = daemonLock; // held by the caller for the daemon's whole life; asking for it proves it was taken
        this.work = work.ToList();
        this.options = options;
        this.server = server;
        this.registry = registry;
        this.state = state;
        this.lifetime = lifetime;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var paths = options.Paths;

        // Loaded now, not on the first daemon/status: an assembly whose load fails while descriptors run out stays
        // failed for the life of the process.
        using (System.Diagnostics.Process.GetCurrentProcess())
        {
        }

        state.Endpoint = DaemonEndpoint.Describe(paths);
        using var idle = new IdleMonitor(registry, options.DaemonIdleTimeout, () =>
        {
            logger.LogInformation("No client for {Timeout}; the daemon stops", options.DaemonIdleTimeout);
            lifetime.StopApplication();
        }, () =>
        {
            if (Volatile.Read(ref open) > 0)
            {
                logger.LogInformation("No client for {Timeout}, but one is connecting; the daemon stays up", options.DaemonIdleTimeout);
                return true;
            }

            var busy = work.Any(w => w.HasWork);
            if (busy)
            {
                logger.LogInformation("No client for {Timeout}, but a turn or a run is working; the daemon stays up", options.DaemonIdleTimeout);
            }

            return busy;
        });
        logger.LogInformation("Daemon {Pid} serving {Endpoint} (version {Version})", Environment.ProcessId, state.Endpoint, BuildInfo.Version);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                await ServePipesAsync(paths, stoppingToken);
            }
            else
            {
                await ServeSocketAsync(paths, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            logger.LogInformation("Daemon {Pid} stopped", Environment.ProcessId);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private async Task ServeSocketAsync(MaestroPaths paths, CancellationToken stoppingToken)
    {
        // The folder is this user's alone (checked, or refused); we hold the lock, so a socket file left in it
        // belongs to a daemon that died: remove it. bind creates the socket under umask 077, private from the start.
        paths.EnsureSocketFolder();
        File.Delete(paths.SocketPath);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        UnixOwner.WithPrivateUmask(() => listener.Bind(new UnixDomainSocketEndPoint(paths.SocketPath)));
        File.SetUnixFileMode(paths.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(64);
        var pause = TimeSpan.Zero;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync(stoppingToken);
                    pause = TimeSpan.Zero;
                }
                catch (SocketException ex)
                {
                    // Out of file descriptors (EMFILE/ENFILE) or a connection reset before accept: the daemon and its
                    // clients live on. Wait a little (longer while it lasts) for descriptors to free up and accept again.
                    pause = TimeSpan.FromMilliseconds(Math.Clamp(pause.TotalMilliseconds * 2, 50, 2000));
                    logger.LogWarning("Could not accept a connection ({Error}: {Message}); trying again in {Pause} ms", ex.SocketErrorCode, ex.Message, pause.TotalMilliseconds);
                    await Task.Delay(pause, stoppingToken);
                    continue;
                }

                _ = ServeClientAsync(new NetworkStream(client, ownsSocket: true), "socket", stoppingToken);
            }
        }
        finally
        {
            File.Delete(paths.SocketPath);
        }
    }

    private async Task ServePipesAsync(MaestroPaths paths, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var pipe = new NamedPipeServerStream(
                paths.PipeName,
                PipeDirection.InOut,
                NamedPipeServerStream.MaxAllowedServerInstances,
                PipeTransmissionMode.Byte,
                PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
            await pipe.WaitForConnectionAsync(stoppingToken);
            _ = ServeClientAsync(pipe, "pipe", stoppingToken);
        }
    }

    private async Task ServeClientAsync(Stream stream, string peer, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref open);
        await using (stream)
        {
            try
            {
                await server.ServeAsync(stream, peer, stoppingToken);
            }
            catch (Exception ex)
            {
                // A client can only ever cost its own connection.
                logger.LogError(ex, "Connection from {Peer} failed", peer);
            }
            finally
            {
                Interlocked.Decrement(ref open);
            }
        }
    }
}
