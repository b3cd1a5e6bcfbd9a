using System.Net;
using Maestro.Protocol;
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
    private readonly SemaphoreSlim gate = new(1, 1);
    private RemoteRun? current;

    public RemoteService(RpcServer server, MaestroOptions options, ILoggerFactory loggers, TimeProvider time)
    {
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
        if (request.Tunnel)
        {
            throw new InvalidParamsException("'tunnel' is not available in this build of Maestro yet; start without it and reach the page on this machine or, with 'lan', on your network.");
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

            limiter.Clear();
            logger.LogInformation("Remote access started on {Origin} (read-only link {ReadOnly}, LAN {Lan})", current.Origin, request.ReadOnly, request.Lan);
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
        Warning = IPAddress.IsLoopback(run.Address)
            ? null
            : $"Remote access listens on your LAN ({run.Address}) over plain HTTP: anyone on this network can read the traffic, token included. Use it only on a network you trust, and stop it with 'maestro remote stop'.",
        AlreadyRunning = alreadyRunning,
    };
}
