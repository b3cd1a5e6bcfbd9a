using System.Text.Json.Nodes;

namespace Maestro.TestSupport;

/// <summary>A client that writes raw bytes and reads framed replies: for malformed input.</summary>
public sealed class RawConnection : IAsyncDisposable
{
    private readonly Stream writer;
    private readonly Stream reader;

    public RawConnection(Stream writer, Stream reader)
    {
        this.writer = writer;
        this.reader = reader;
    }

    public async Task SendAsync(byte[] bytes)
    {
        await writer.WriteAsync(bytes);
        await writer.FlushAsync();
    }

    public Task SendAsync(JsonNode message) => SendAsync(LspFraming.Frame(message));

    public async Task<JsonObject> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await LspFraming.ReadAsync(reader, cts.Token) ?? throw new EndOfStreamException("The server closed the connection.");
    }

    /// <summary>The next message, or null when the server closed its side; for clients that read in a loop.</summary>
    public Task<JsonObject?> ReceiveOrEndAsync(CancellationToken cancellationToken) => LspFraming.ReadAsync(reader, cancellationToken);

    /// <summary>True when the server closed its side (end of stream) within the timeout.</summary>
    public async Task<bool> ClosedAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await LspFraming.ReadAsync(reader, cts.Token) is null;
    }

    /// <summary>Reads and discards what is still buffered; true when the server closed its side within the timeout.</summary>
    public async Task<bool> DrainUntilClosedAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            while (await LspFraming.ReadAsync(reader, cts.Token) is not null)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends a request and returns its response, skipping notifications that arrive first.</summary>
    public async Task<JsonObject> CallAsync(object id, string method, object? @params = null)
    {
        await SendAsync(LspFraming.Request(id, method, @params));
        while (true)
        {
            var message = await ReceiveAsync();
            if (message["method"] is null)
            {
                return message;
            }
        }
    }

    public async Task InitializeAsync(string client = "raw")
    {
        var reply = await CallAsync(0, Maestro.Protocol.Methods.Initialize, LspFraming.InitializeParams(client));
        if (reply["result"] is null)
        {
            throw new InvalidOperationException("initialize failed: " + reply.ToJsonString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        if (!ReferenceEquals(writer, reader))
        {
            await reader.DisposeAsync();
        }
    }
}
