using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Rpc;
using Microsoft.Extensions.Logging;
using Nerdbank.Streams;

namespace Maestro.Server.Remote;

/// <summary>
/// One page's WebSocket. Until <c>remote/authenticate</c> succeeds nothing reaches the server: other requests are
/// answered Unauthorized, a wrong token closes the socket. After it, the socket is an ordinary client connection of
/// the same <see cref="RpcServer"/> (same live state, same notifications): each WebSocket message becomes one
/// Content-Length frame on an in-memory duplex stream, and each frame the server writes becomes one message.
/// </summary>
internal sealed class RemoteSocketSession : IDisposable
{
    /// <summary>A page that does not authenticate within this long is closed.</summary>
    private static readonly TimeSpan AuthenticationTimeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = MaestroJson.CreateOptions();

    private readonly WebSocket socket;
    private readonly RemoteRun run;
    private readonly IPAddress address;
    private readonly ILogger logger;
    // One send at a time (the bridge's writes, an error, the close on stop); a cancelled WebSocket send or receive aborts
    // the socket, so stopping closes it with a frame first instead of cancelling.
    private readonly SemaphoreSlim sending = new(1, 1);
    private WebSocketCloseStatus closeStatus = WebSocketCloseStatus.NormalClosure;

    public RemoteSocketSession(WebSocket socket, RemoteRun run, IPAddress address, ILogger logger)
    {
        this.socket = socket;
        this.run = run;
        this.address = address;
        this.logger = logger;
    }

    /// <summary>Null until authenticated; then whether the token was the read-only one.</summary>
    public bool? ReadOnly { get; private set; }

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            ReadOnly = await AuthenticateAsync(stopping);
            if (ReadOnly is { } readOnly)
            {
                await BridgeAsync(readOnly, stopping);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            logger.LogDebug("Remote socket from {Address} ended: {Reason}", address, ex.Message);
        }
        finally
        {
            await CloseAsync(closeStatus, closeStatus switch
            {
                WebSocketCloseStatus.PolicyViolation => "unauthorized",
                WebSocketCloseStatus.EndpointUnavailable => "remote access stopped",
                _ => "bye",
            });
        }
    }

    /// <summary>remote/stop: sends the close frame (1001) now; the page answers it and every loop of this session ends.</summary>
    public async Task CloseForStopAsync()
    {
        closeStatus = WebSocketCloseStatus.EndpointUnavailable;
        try
        {
            await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "remote access stopped");
        }
        catch (ObjectDisposedException)
        {
            // It ended on its own meanwhile.
        }
    }

    public void Dispose() => sending.Dispose();

    /// <summary>The last resort of remote/stop, for a page that did not answer the close frame.</summary>
    public void Abort() => socket.Abort();

    private async Task<bool?> AuthenticateAsync(CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(AuthenticationTimeout);
        while (true)
        {
            var message = await ReceiveAsync(timeout.Token);
            if (message is null)
            {
                return null;
            }

            var (id, method, token) = Parse(message);
            if (method != Methods.RemoteAuthenticate)
            {
                // Nothing is served before the token: say so to a request, ignore anything else.
                if (id is not null)
                {
                    await SendErrorAsync(id, $"Send 'remote/authenticate' with the token from the page's link first; '{method}' was refused.", method, stopping);
                }

                continue;
            }

            var wait = run.Limiter.RetryAfter(address);
            if (wait > TimeSpan.Zero)
            {
                logger.LogWarning("Remote authentication from {Address} refused: too many failed attempts", address);
                await SendErrorAsync(id, string.Create(CultureInfo.InvariantCulture, $"Too many failed attempts from this address; try again in {Math.Ceiling(wait.TotalSeconds)} s."), method, stopping);
                closeStatus = WebSocketCloseStatus.PolicyViolation;
                return null;
            }

            var readOnly = run.Verify(token);
            if (readOnly is null)
            {
                var count = run.Limiter.Fail(address);
                // The token itself is never logged, right or wrong.
                logger.LogWarning("Remote authentication failed from {Address} ({Count} in the last minute)", address, count);
                await SendErrorAsync(id, "The remote access token is not valid: remote access was stopped or restarted since this link was made. Open the link or scan the QR code from 'maestro remote start' again.", method, stopping);
                closeStatus = WebSocketCloseStatus.PolicyViolation;
                return null;
            }

            logger.LogInformation("Remote client authenticated from {Address} (read-only {ReadOnly})", address, readOnly);
            await SendAsync(new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = id?.DeepClone(),
                ["result"] = JsonSerializer.SerializeToNode(new RemoteAuthenticateResult { ReadOnly = readOnly.Value }, Json),
            }, stopping);
            return readOnly;
        }
    }

    private async Task BridgeAsync(bool readOnly, CancellationToken stopping)
    {
        var (local, served) = FullDuplexStream.CreatePair();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var serving = run.Server.ServeAsync(served, $"remote {address}", ended.Token, connection =>
        {
            connection.ReadOnly = readOnly;
            connection.IsRemote = true;
        });
        var inbound = PumpInAsync(local, ended.Token);
        var outbound = PumpOutAsync(local, ended.Token);
        try
        {
            await Task.WhenAny(serving, inbound, outbound);
        }
        finally
        {
            await ended.CancelAsync();
            await local.DisposeAsync();
            await Task.WhenAll(serving, inbound, outbound).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Page → server: each WebSocket message becomes one frame.</summary>
    private async Task PumpInAsync(Stream local, CancellationToken cancellationToken)
    {
        var header = new byte[64];
        while (await ReceiveAsync(cancellationToken) is { } message)
        {
            var length = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {message.Length}\r\n\r\n"), header);
            await local.WriteAsync(header.AsMemory(0, length), cancellationToken);
            await local.WriteAsync(message, cancellationToken);
            await local.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Server → page: each frame becomes one text message.</summary>
    private async Task PumpOutAsync(Stream local, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(local, new StreamPipeReaderOptions(leaveOpen: true));
        var frames = new LspFrameReader(reader, int.MaxValue);
        try
        {
            while (true)
            {
                var frame = await frames.ReadAsync(cancellationToken);
                if (frame.Kind == LspFrameKind.EndOfStream)
                {
                    return;
                }

                if (frame.Body is { } body)
                {
                    await SendBytesAsync(body, cancellationToken);
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>One whole message, or null when the page closed. Larger than the server takes: closed.</summary>
    private async Task<byte[]?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > run.MaxMessageBytes)
            {
                logger.LogWarning("Remote socket from {Address} sent a message over {Limit} bytes; closed", address, run.MaxMessageBytes);
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too large");
                return null;
            }

            if (result.EndOfMessage)
            {
                return buffer.WrittenSpan.ToArray();
            }
        }
    }

    private static (JsonNode? Id, string? Method, string? Token) Parse(byte[] message)
    {
        try
        {
            var node = JsonNode.Parse(message) as JsonObject;
            var method = node?["method"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : null;
            var token = node?["params"] is JsonObject p && p["token"] is JsonValue t && t.TryGetValue<string>(out var value) ? value : null;
            return (node?["id"], method, token);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private Task SendErrorAsync(JsonNode? id, string message, string? method, CancellationToken cancellationToken)
        => SendAsync(new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id?.DeepClone(),
            ["error"] = new JsonObject
            {
                ["code"] = ErrorCodes.Unauthorized,
                ["message"] = message,
                ["data"] = JsonSerializer.SerializeToNode(new ErrorData { Kind = ErrorKinds.Unauthorized, Method = method }, Json),
            },
        }, cancellationToken);

    private Task SendAsync(JsonObject message, CancellationToken cancellationToken)
        => SendBytesAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), cancellationToken);

    private async Task SendBytesAsync(byte[] message, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        finally
        {
            sending.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        // A send stuck on a page that stopped reading holds the lock: cut the connection instead of waiting on it.
        if (!await sending.WaitAsync(TimeSpan.FromSeconds(2)))
        {
            socket.Abort();
            return;
        }

        try
        {
            if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(status, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            socket.Abort();
        }
        finally
        {
            sending.Release();
        }
    }
}
