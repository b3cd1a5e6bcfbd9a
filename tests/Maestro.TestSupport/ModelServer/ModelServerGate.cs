using System.Net;
using System.Net.Sockets;

namespace Maestro.TestSupport.ModelServer;

/// <summary>
/// A port in front of the model server that refuses connections (nothing listens: ECONNREFUSED, a real one) until
/// <see cref="Open"/>, then forwards every connection to the server: "connection refused, then the provider is up".
/// </summary>
public sealed class ModelServerGate : IAsyncDisposable
{
    private readonly ScriptedModelServer server;
    private readonly CancellationTokenSource stopping = new();
    private TcpListener? listener;
    private Task? accepting;

    private ModelServerGate(ScriptedModelServer server, int port)
    {
        this.server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What the agent is pointed at instead of the server's own URL.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public bool IsOpen => listener is not null;

    /// <summary>A gate on a port that was free a moment ago and is left closed.</summary>
    public static ModelServerGate Closed(ScriptedModelServer server)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new ModelServerGate(server, port);
    }

    public void Open()
    {
        var opened = new TcpListener(IPAddress.Loopback, Port);
        opened.Start();
        listener = opened;
        accepting = AcceptAsync(opened, stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener?.Stop();
        if (accepting is not null)
        {
            await accepting;
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener opened, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await opened.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(server.BaseUri.Host, server.BaseUri.Port, cancellationToken);
                var a = client.GetStream();
                var b = upstream.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, cancellationToken), b.CopyToAsync(a, cancellationToken));
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // One side closed: the proxied connection is over.
            }
        }
    }
}
