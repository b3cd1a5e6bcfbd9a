using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Maestro.Protocol;
using Maestro.Server.Agents.Containment;
using Maestro.Server.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Remote;

/// <summary>
/// Remote access from one <c>remote/start</c> to its <c>remote/stop</c>: the Kestrel server, the tokens, the open
/// sockets. Built only when started, so a daemon with remote off carries none of it.
/// </summary>
internal sealed class RemoteRun : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly RemoteToken fullToken;
    private readonly RemoteToken? readOnlyToken;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<RemoteSocketSession, Task> sockets = new();
    private readonly ILogger logger;
    private string authority = string.Empty;
    private volatile bool revoked;

    private RemoteRun(WebApplication app, RpcServer server, RemoteAttemptLimiter limiter, int maxMessageBytes, bool withReadOnly, IPAddress address, ILogger logger, TimeProvider time)
    {
        this.app = app;
        Server = server;
        Limiter = limiter;
        MaxMessageBytes = maxMessageBytes;
        Address = address;
        this.logger = logger;
        fullToken = RemoteToken.Create();
        readOnlyToken = withReadOnly ? RemoteToken.Create() : null;
        StartedAt = time.GetUtcNow();
    }

    public RpcServer Server { get; }

    public RemoteAttemptLimiter Limiter { get; }

    public int MaxMessageBytes { get; }

    public IPAddress Address { get; }

    public int Port { get; private set; }

    public DateTimeOffset StartedAt { get; }

    public bool HasReadOnly => readOnlyToken is not null;

    /// <summary>The page's own origin on this machine; a WebSocket upgrade may come from it or from the tunnel's.</summary>
    public string Origin => "http://" + authority;

    /// <summary>The cloudflared tunnel to the page, when started with one.</summary>
    public RemoteTunnel? Tunnel { get; private set; }

    /// <summary>Where the links point: the tunnel's address while it is up, else this machine's.</summary>
    public string LinkOrigin => Tunnel?.PublicUrl is { } tunnel ? "https://" + tunnel.Host : Origin;

    public string Url => $"{LinkOrigin}/#token={fullToken.Value}";

    public string LocalUrl => $"{Origin}/#token={fullToken.Value}";

    public string? ReadOnlyUrl => readOnlyToken is null ? null : $"{LinkOrigin}/#token={readOnlyToken.Value}";

    public int Connections => sockets.Keys.Count(s => s.ReadOnly is not null);

    public static async Task<RemoteRun> StartAsync(IPAddress address, int port, bool withReadOnly, RpcServer server, RemoteAttemptLimiter limiter, int maxMessageBytes, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "maestro-remote", ContentRootPath = AppContext.BaseDirectory });
        // Nothing from the environment or a stray appsettings.json in the daemon's folder changes what is served.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        var app = builder.Build();
        var run = new RemoteRun(app, server, limiter, maxMessageBytes, withReadOnly, address, loggers.CreateLogger<RemoteRun>(), time);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.Run(run.HandleAsync);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        run.Port = new Uri(bound).Port;
        run.authority = address.ToString() + ":" + run.Port.ToString(CultureInfo.InvariantCulture);
        return run;
    }

    /// <summary>Opens a cloudflared quick tunnel to this page; stopped with it.</summary>
    public async Task OpenTunnelAsync(string cloudflared, TimeSpan wait, AgentProcesses processes, CancellationToken cancellationToken)
        => Tunnel = await RemoteTunnel.StartAsync(cloudflared, Port, wait, processes, logger, cancellationToken);

    /// <summary>Null when <paramref name="token"/> is neither token (or remote access was stopped); else whether it is the read-only one.</summary>
    public bool? Verify(string? token)
    {
        if (revoked)
        {
            return null;
        }

        // Both comparisons always run: which token matched does not show in the time taken.
        var full = fullToken.Matches(token);
        var readOnly = readOnlyToken?.Matches(token) ?? false;
        return full ? false : readOnly ? true : null;
    }

    public async ValueTask DisposeAsync()
    {
        // Tokens first: nothing authenticates while the sockets close. Then a close frame to every page (it answers and
        // its session ends), then the connections behind are cancelled, and a page that is still there is cut off.
        revoked = true;
        var open = sockets.Values.ToList();
        await Task.WhenAll(sockets.Keys.Select(s => s.CloseForStopAsync()));
        if (!await EndedWithinAsync(open, TimeSpan.FromSeconds(2)))
        {
            await stopping.CancelAsync();
            if (!await EndedWithinAsync(open, TimeSpan.FromSeconds(2)))
            {
                foreach (var socket in sockets.Keys)
                {
                    socket.Abort();
                }
            }
        }

        await stopping.CancelAsync();
        if (Tunnel is { } tunnel)
        {
            await tunnel.DisposeAsync();
        }

        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        stopping.Dispose();
        logger.LogInformation("Remote access on {Origin} stopped; {Count} socket(s) closed", Origin, open.Count);
    }

    /// <summary>
    /// Who failed attempts are counted against. Through the tunnel every request comes from cloudflared on loopback,
    /// so one guesser would lock everyone out: there it is the visitor's address Cloudflare puts in
    /// <c>CF-Connecting-IP</c> (trusted only from a loopback peer, where cloudflared is).
    /// </summary>
    private static IPAddress PeerOf(HttpContext context, bool viaTunnel)
    {
        var peer = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (viaTunnel && IPAddress.IsLoopback(peer) && IPAddress.TryParse(context.Request.Headers["CF-Connecting-IP"].ToString(), out var visitor))
        {
            return visitor;
        }

        return peer;
    }

    private static async Task<bool> EndedWithinAsync(List<Task> tasks, TimeSpan timeout)
    {
        // Each session's own failures are logged where they happen; here only whether they are over.
        var all = Task.WhenAll(tasks);
        return await Task.WhenAny(all, Task.Delay(timeout)) == all;
    }

    private async Task HandleAsync(HttpContext context)
    {
        // The Host must be the address we gave out (or the tunnel's, which cloudflared passes on): a DNS-rebinding
        // page under another name gets nothing.
        var host = context.Request.Host.Value;
        var tunnelHost = Tunnel?.PublicUrl?.Host;
        var viaTunnel = tunnelHost is not null && string.Equals(host, tunnelHost, StringComparison.OrdinalIgnoreCase);
        if (!viaTunnel && !string.Equals(host, authority, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (context.Request.Path != "/rpc")
        {
            await RemotePage.ServeAsync(context, viaTunnel ? "wss://" + tunnelHost : "ws://" + authority);
            return;
        }

        var peer = PeerOf(context, viaTunnel);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var pageOrigin = viaTunnel ? "https://" + tunnelHost : Origin;
        if (!string.Equals(context.Request.Headers.Origin.ToString(), pageOrigin, StringComparison.Ordinal))
        {
            logger.LogWarning("Remote socket from {Address} refused: Origin '{Origin}' is not the page's", peer, context.Request.Headers.Origin.ToString());
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (Limiter.RetryAfter(peer) > TimeSpan.Zero)
        {
            logger.LogWarning("Remote socket from {Address} refused: too many failed attempts", peer);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }

        if (revoked)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var session = new RemoteSocketSession(socket, this, peer, logger);
        var running = session.RunAsync(stopping.Token);
        sockets[session] = running;
        try
        {
            await running;
        }
        finally
        {
            sockets.TryRemove(session, out _);
        }
    }
}
