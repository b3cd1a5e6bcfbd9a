using Maestro.Protocol;
using Maestro.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Maestro.Server.Rpc;

/// <summary>
/// Serves the protocol over any duplex stream (stdio, a daemon socket, a WebSocket, an in-memory pipe):
/// one DI scope, one <see cref="ClientConnection"/> and one JSON-RPC object per stream.
/// </summary>
public sealed class RpcServer
{
    private readonly IServiceScopeFactory scopes;
    private readonly ConnectionRegistry registry;
    private readonly MaestroOptions options;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger<RpcServer> logger;

    public RpcServer(IServiceScopeFactory scopes, ConnectionRegistry registry, MaestroOptions options, ILoggerFactory loggerFactory)
    {
        this.scopes = scopes;
        this.registry = registry;
        this.options = options;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<RpcServer>();
    }

    /// <summary>Loads and runs the JSON-RPC stack once on throwaway objects, so a cold start can do it in parallel with other work.</summary>
    public static void Warmup()
    {
        var options = MaestroJson.CreateOptions();
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = options };
        using var rpc = new JsonRpc(new LspMessageHandler(Stream.Null, formatter, 1024, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, "warmup"));
        _ = System.Text.Json.JsonSerializer.Deserialize("{\"protocolVersion\":\"1.0\",\"clientInfo\":{\"name\":\"w\"}}", MaestroJsonContext.Default.InitializeParams);
    }

    /// <summary>Serves one client until it sends <c>exit</c>, closes the stream, or <paramref name="cancellationToken"/> fires.</summary>
    /// <returns>The connection, to read whether <c>shutdown</c> preceded <c>exit</c>.</returns>
    /// <remarks>The stream is closed on return: the client sees end of stream.</remarks>
    /// <param name="configure">Sets what the transport knows of the client before its first message (the remote socket: read-only or not).</param>
    public async Task<ClientConnection> ServeAsync(Stream duplex, string peer, CancellationToken cancellationToken, Action<ClientConnection>? configure = null)
    {
        await using var ownedStream = duplex;
        await using var scope = scopes.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<ClientConnection>();
        configure?.Invoke(connection);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = MaestroJson.CreateOptions() };
        var handler = new LspMessageHandler(duplex, formatter, options.MaxMessageBytes, loggerFactory.CreateLogger<LspMessageHandler>(), peer)
        {
            Gate = connection.Check,
        };
        var outbox = new ClientOutbox(options.ClientQueueCapacity, options.ClientWriteTimeout, logger, $"#{connection.Id} ({peer})");
        using var rpc = new MaestroJsonRpc(handler, outbox, logger);
        var targetOptions = new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true, NotifyClientOfEvents = false };
        foreach (var target in scope.ServiceProvider.GetServices<IRpcHandlers>())
        {
            // The runtime type, not IRpcHandlers: its public methods are the wire methods.
            rpc.AddLocalRpcTarget(target.GetType(), target, targetOptions);
        }

        connection.Rpc = rpc;
        connection.Formatter = formatter;
        connection.Outbox = outbox;
        registry.Add(connection);
        logger.LogInformation("Connection {Connection} opened from {Peer}", connection.Id, peer);
        try
        {
            rpc.StartListening();
            StartupTrace.Mark("listening");
            using var cancelled = cancellationToken.Register(rpc.Dispose);
            // Cutting the stream first fails the write that is stuck on a full socket; then the connection ends.
            _ = outbox.RunAsync(rpc, () => { duplex.Dispose(); rpc.Dispose(); }, cancellationToken);
            await Task.WhenAny(rpc.Completion, connection.Exited);
            if (connection.Exited.IsCompleted)
            {
                // Let the last responses leave before the stream closes.
                await Task.Yield();
            }
        }
        finally
        {
            outbox.Complete();
            registry.Remove(connection);
            logger.LogInformation(
                "Connection {Connection} closed ({Client}, shutdown {Shutdown})",
                connection.Id,
                connection.Describe(),
                connection.ShutdownRequested);
        }

        try
        {
            await rpc.Completion.WaitAsync(TimeSpan.Zero, CancellationToken.None);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
        }
        catch (Exception ex)
        {
            logger.LogDebug("Connection {Connection} ended with {Reason}", connection.Id, ex.Message);
        }

        return connection;
    }
}
