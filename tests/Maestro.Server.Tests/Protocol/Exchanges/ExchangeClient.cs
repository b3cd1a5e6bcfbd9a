using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// A raw JSON-RPC client over a real server connection that keeps every message the server sent, so a test can
/// record a request with its answer, or a notification the server pushed, exactly as they were on the wire.
/// </summary>
public sealed class ExchangeClient : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Options = MaestroJson.CreateOptions();

    private readonly RawConnection connection;
    private readonly ConcurrentQueue<JsonObject> notifications = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task reading;
    private readonly SemaphoreSlim writing = new(1, 1);
    private int nextId;

    public ExchangeClient(RawConnection connection)
    {
        this.connection = connection;
        reading = Task.Run(ReadAsync);
    }

    /// <summary>Answers the server's own requests (permissions/request); none by default.</summary>
    public Func<JsonObject, JsonNode?>? AnswerServerRequest { get; init; }

    public IReadOnlyList<JsonObject> Notifications => [.. notifications];

    public Task<JsonObject> InitializeAsync(string name = "exchanges", ClientCapabilities? capabilities = null)
        => CallAsync(Methods.Initialize, new InitializeParams
        {
            ProtocolVersion = ProtocolVersion.Current,
            ClientInfo = new ClientInfo { Name = name, Version = "1" },
            Capabilities = capabilities ?? new ClientCapabilities(),
        });

    /// <summary>Sends a request and returns the whole response message (result or error).</summary>
    public async Task<JsonObject> CallAsync(string method, object? @params = null, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref nextId);
        var (_, answer) = Send(method, @params, id);
        return await answer.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Sends a request without waiting for its answer: the id and the answer to come.</summary>
    public (int Id, Task<JsonObject> Answer) Send(string method, object? @params = null, int? id = null)
    {
        var requestId = id ?? Interlocked.Increment(ref nextId);
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[requestId.ToString(System.Globalization.CultureInfo.InvariantCulture)] = answer;
        _ = WriteAsync(LspFraming.Request(requestId, method, @params));
        return (requestId, answer.Task);
    }

    public Task NotifyAsync(string method, object? @params = null)
    {
        var message = LspFraming.Notification(method);
        if (@params is not null)
        {
            message["params"] = JsonSerializer.SerializeToNode(@params, Options);
        }

        return WriteAsync(message);
    }

    /// <summary>True once the server closed the connection (after <c>exit</c>), within the timeout.</summary>
    public async Task<bool> ClosedAsync(TimeSpan timeout)
    {
        await Task.WhenAny(reading, Task.Delay(timeout));
        return reading.IsCompleted;
    }

    /// <summary>The first notification of <paramref name="method"/> matching <paramref name="where"/>, waited for.</summary>
    public async Task<JsonObject> NotificationAsync(string method, Func<JsonNode, bool>? where = null, TimeSpan? timeout = null)
    {
        JsonObject? found = null;
        await Wait.UntilAsync(
            () => (found = notifications.FirstOrDefault(n => (string?)n["method"] == method && (where is null || where(n["params"]!)))) is not null,
            timeout ?? TimeSpan.FromSeconds(30),
            $"a '{method}' notification");
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await connection.DisposeAsync();
        await reading.ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
        writing.Dispose();
    }

    private async Task ReadAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            JsonObject? message;
            try
            {
                message = await LspFramingReader(stopping.Token);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                foreach (var waiting in pending.Values)
                {
                    waiting.TrySetException(ex);
                }

                return;
            }

            if (message is null)
            {
                foreach (var waiting in pending.Values)
                {
                    waiting.TrySetException(new EndOfStreamException("The server closed the connection."));
                }

                return;
            }

            if (message["method"] is null)
            {
                if (pending.TryRemove(message["id"]?.ToJsonString().Trim('"') ?? "null", out var answer))
                {
                    answer.TrySetResult(message);
                }
            }
            else if (message["id"] is not null)
            {
                notifications.Enqueue(message);
                var result = AnswerServerRequest?.Invoke(message);
                await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = message["id"]!.DeepClone(), ["result"] = result });
            }
            else
            {
                notifications.Enqueue(message);
            }
        }
    }

    private Task<JsonObject?> LspFramingReader(CancellationToken cancellationToken) => connection.ReceiveOrEndAsync(cancellationToken);

    private async Task WriteAsync(JsonObject message)
    {
        await writing.WaitAsync();
        try
        {
            await connection.SendAsync(message);
        }
        finally
        {
            writing.Release();
        }
    }
}
