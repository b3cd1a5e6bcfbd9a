using System.Net;
using Maestro.Protocol;
using Maestro.Server.Agents.Containment;
using Maestro.Server.Agents.Settings;
using Maestro.Server.Daemon;
using Maestro.Server.Errors;
using Maestro.Server.Hosting;
using Maestro.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Remote;

/// <summary>
/// Remote access from a phone (docs/remote.md): <c>remote/start</c> starts a web server serving the panel and a
/// WebSocket onto this same server, <c>remote/stop</c> ends it. Off until started; while on, it keeps the daemon up.
/// </summary>
public sealed class RemoteService : IBackgroundWork, IAsyncDisposable
{
    private readonly RpcServer server;
    private readonly MaestroOptions options;
    private readonly ILoggerFactory loggers;
    private readonly ILogger<RemoteService> logger;
    private readonly TimeProvider time;
    private readonly RemoteAttemptLimiter limiter;
    private readonly SettingsStore settings;
    private readonly AgentProcesses processes;
    private readonly SemaphoreSlim gate = new(1, 1);
    private RemoteRun? current;

    public RemoteService(RpcServer server, MaestroOptions options, ILoggerFactory loggers, TimeProvider time, SettingsStore settings, AgentProcesses processes)
    {
        this.settings = settings;
        this.processes = processes;
        this.server = server;
        this.options = options;
        this.loggers = loggers;
        this.time = time;
        logger = loggers.CreateLogger<RemoteService>();
        limiter = new RemoteAttemptLimiter(time);
    }

    /// <summary>The phone's page is meant to be reachable: the daemon does not stop for want of an editor.</summary>
    public bool HasWork => current is not null;

    public async Task<RemoteStartResult> StartAsync(RemoteStartParams request, CancellationToken cancellationToken)
    {
        if (request.Tunnel && request.Lan)
        {
            throw new InvalidParamsException("'tunnel' and 'lan' do not go together: the tunnel reaches the page on this machine's loopback, and the LAN needs no tunnel. Ask for one of them.");
        }

        if (request.Port is { } asked && (asked < 1 || asked > 65535))
        {
            throw new InvalidParamsException($"'port' must be between 1 and 65535 (or left out for a free one); it was {asked}.");
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } running)
            {
                return Describe(running, alreadyRunning: true);
            }

            // Before anything starts: without cloudflared there is nothing to start.
            var remoteSettings = settings.Current.Remote;
            var cloudflared = request.Tunnel ? CloudflaredLocator.Find(remoteSettings) : null;

            var address = IPAddress.Loopback;
            if (request.Lan)
            {
                address = LanAddress.Find() ?? throw new MaestroException(ErrorCodes.InvalidParams, ErrorKinds.InvalidParams, "No LAN address was found on this machine (no network interface is up besides loopback); start remote access without 'lan'.");
            }

            try
            {
                current = await RemoteRun.StartAsync(address, request.Port ?? 0, request.ReadOnly, server, limiter, options.MaxMessageBytes, loggers, time, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new MaestroException(ErrorCodes.Busy, ErrorKinds.Busy, $"Port {request.Port} on {address} is in use by another program; choose another port or leave 'port' out for a free one.", null, ex);
            }

            if (cloudflared is not null)
            {
                try
                {
                    await current.OpenTunnelAsync(cloudflared, TimeSpan.FromSeconds(remoteSettings?.TunnelWaitSeconds is > 0 and var seconds ? seconds : 30), processes, cancellationToken);
                }
                catch
                {
                    var failed = current;
                    current = null;
                    await failed.DisposeAsync();
                    throw;
                }
            }

            limiter.Clear();
            logger.LogInformation("Remote access started on {Origin} (read-only link {ReadOnly}, LAN {Lan}, tunnel {Tunnel})", current.Origin, request.ReadOnly, request.Lan, current.Tunnel?.PublicUrl?.Host);
            return Describe(current, alreadyRunning: false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } running)
            {
                current = null;
                await running.DisposeAsync();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public RemoteStatusResult Status()
    {
        var running = current;
        return running is null
            ? new RemoteStatusResult { Running = false }
            : new RemoteStatusResult
            {
                Running = true,
                Port = running.Port,
                Host = running.Address.ToString(),
                ReadOnlyIssued = running.HasReadOnly,
                Connections = running.Connections,
                StartedAt = running.StartedAt,
                Tunnel = running.Tunnel is { } tunnel
                    ? new RemoteTunnelStatus { Running = tunnel.PublicUrl is not null, Host = tunnel.PublicUrl?.Host, Restarts = tunnel.Restarts, MaxRestarts = RemoteTunnel.MaxRestarts, Error = tunnel.Error }
                    : null,
            };
    }

    public async ValueTask DisposeAsync()
    {
        if (current is { } running)
        {
            current = null;
            await running.DisposeAsync();
        }

        gate.Dispose();
    }

    private static RemoteStartResult Describe(RemoteRun run, bool alreadyRunning) => new()
    {
        Url = run.Url,
        QrSvg = RemoteQr.Svg(run.Url),
        ReadOnlyUrl = run.ReadOnlyUrl,
        ReadOnlyQrSvg = run.ReadOnlyUrl is { } readOnly ? RemoteQr.Svg(readOnly) : null,
        Port = run.Port,
        Host = run.Address.ToString(),
        LocalUrl = run.Tunnel is null ? null : run.LocalUrl,
        Warning = Warn(run),
        AlreadyRunning = alreadyRunning,
    };

    private static string? Warn(RemoteRun run)
    {
        if (!IPAddress.IsLoopback(run.Address))
        {
            return $"Remote access listens on your LAN ({run.Address}) over plain HTTP: anyone on this network can read the traffic, token included. Use it only on a network you trust, and stop it with 'maestro remote stop'.";
        }

        if (run.Tunnel is not { } tunnel)
        {
            return null;
        }

        if (tunnel.Error is { } error)
        {
            return "The tunnel is down, so the links are this machine's only: " + error;
        }

        return tunnel.PublicUrl is null
            ? "cloudflared died and is being restarted: the links are this machine's until it is back (ask again with 'maestro remote start'; the tunnel's address changes)."
            : $"The page is on the internet through Cloudflare's quick tunnel ({tunnel.PublicUrl.Host}): Cloudflare carries the traffic, token included, and anyone with the link has control. Stop it with 'maestro remote stop' when you are done.";
    }
}
