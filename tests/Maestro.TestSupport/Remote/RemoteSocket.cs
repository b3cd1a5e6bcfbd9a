using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
namespace Maestro.TestSupport.Remote;

/// <summary>
/// A phone page's side of the remote WebSocket: raw JSON-RPC messages, every one the server sent kept (or, for a
/// benchmark, handed to <see cref="Message"/> only).
/// </summary>
public sealed class RemoteSocket : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Options = MaestroJson.CreateOptions();

    private readonly ClientWebSocket socket;
    private readonly ConcurrentQueue<JsonObject> received = new();
    private readonly Task reading;
    private readonly bool keepNotifications;
    private int nextId;

    private RemoteSocket(ClientWebSocket socket, bool keepNotifications)
    {
        this.socket = socket;
        this.keepNotifications = keepNotifications;
        reading = Task.Run(ReadAsync);
    }

    /// <summary>Every message as it arrives, on the reading thread (a benchmark times events here).</summary>
    public event Action<JsonObject>? Message;

    public IReadOnlyList<JsonObject> Received => [.. received];

    /// <summary>How the server ended the socket (null while open).</summary>
    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public bool Closed => reading.IsCompleted;

    /// <param name="viaPort">Connect to 127.0.0.1:viaPort with the page's host in <c>Host</c>, as cloudflared does for a tunnel's page.</param>
    /// <param name="keepNotifications">False: notifications go to <see cref="Message"/> only, so a flood does not pile up.</param>
    public static async Task<RemoteSocket> ConnectAsync(Uri page, string? origin = "same", int? viaPort = null, bool keepNotifications = true)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin == "same" ? page.GetLeftPart(UriPartial.Authority) : origin);
        }

        var rpc = new UriBuilder(page) { Scheme = "ws", Path = "/rpc", Fragment = string.Empty }.Uri;
        if (viaPort is { } port)
        {
            socket.Options.SetRequestHeader("Host", page.Host);
            rpc = new UriBuilder("ws", "127.0.0.1", port, "/rpc").Uri;
        }
        try
        {
            await socket.ConnectAsync(rpc, CancellationToken.None);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RemoteSocket(socket, keepNotifications);
    }

    /// <summary>The token from a URL's fragment, as the page reads it.</summary>
    public static string TokenOf(string url) => new Uri(url).Fragment["#token=".Length..];

    public async Task<JsonObject> CallAsync(string method, object? @params = null, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref nextId);
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (@params is not null)
        {
            message["params"] = @params as JsonNode ?? JsonSerializer.SerializeToNode(@params, Options);
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        JsonObject? answer = null;
        await Wait.UntilAsync(
            () => (answer = received.FirstOrDefault(m => m["method"] is null && (int?)m["id"] == id)) is not null || Closed,
            timeout ?? TimeSpan.FromSeconds(30),
            $"the answer to {method}");
        return answer ?? throw new InvalidOperationException($"The socket closed before {method} was answered.");
    }

    public Task<JsonObject> InitializeAsync() => CallAsync(Methods.Initialize, new InitializeParams
    {
        ProtocolVersion = ProtocolVersion.Current,
        ClientInfo = new ClientInfo { Name = "phone", Version = "1" },
        Capabilities = new ClientCapabilities { Permissions = true },
    });

    public async Task<JsonObject> NotificationAsync(string method, TimeSpan? timeout = null)
    {
        JsonObject? found = null;
        await Wait.UntilAsync(() => (found = received.FirstOrDefault(m => (string?)m["method"] == method)) is not null, timeout ?? TimeSpan.FromSeconds(30), $"a '{method}' notification");
        return found!;
    }

    public async Task<bool> ClosedWithinAsync(TimeSpan timeout)
    {
        await Task.WhenAny(reading, Task.Delay(timeout));
        return reading.IsCompleted;
    }

    public async ValueTask DisposeAsync()
    {
        socket.Abort();
        await reading.ContinueWith(_ => { }, TaskScheduler.Default);
        socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // As a browser does: answer the server's close frame.
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }

                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var parsed = JsonNode.Parse(message.ToArray())!.AsObject();
                    message.SetLength(0);
                    Message?.Invoke(parsed);
                    if (keepNotifications || parsed["method"] is null)
                    {
                        received.Enqueue(parsed);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
