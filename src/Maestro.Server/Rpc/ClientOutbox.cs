using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Maestro.Server.Rpc;

/// <summary>
/// One client's outgoing notifications: a bounded queue and one writer. Whoever notifies only posts and moves on,
/// so a client that stops reading holds up nobody but itself. A client whose queue fills, or whose socket takes longer
/// than the write timeout to accept a message, is disconnected; clients catch up from <c>sessions/history</c> when
/// they come back, so nothing is lost but the connection.
/// </summary>
public sealed class ClientOutbox
{
    private readonly Channel<Outgoing> queue;
    private readonly TimeSpan writeTimeout;
    private readonly ILogger logger;
    private readonly string peer;
    private JsonRpc? rpc;
    private Action? disconnect;
    private int lagging;

    public ClientOutbox(int capacity, TimeSpan writeTimeout, ILogger logger, string peer)
    {
        queue = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(capacity) { SingleReader = false, FullMode = BoundedChannelFullMode.Wait });
        this.writeTimeout = writeTimeout;
        this.logger = logger;
        this.peer = peer;
    }

    /// <summary>True once the client fell behind and is being disconnected.</summary>
    public bool IsLagging => Volatile.Read(ref lagging) == 1;

    /// <summary>Starts writing to <paramref name="connection"/>; <paramref name="onLagging"/> closes the connection.</summary>
    public Task RunAsync(JsonRpc connection, Action onLagging, CancellationToken cancellationToken)
    {
        rpc = connection;
        disconnect = onLagging;
        return Task.Run(() => WriteLoopAsync(cancellationToken), CancellationToken.None);
    }

    /// <summary>Queues a notification; never waits. False when the client is lagging (it is then disconnected).</summary>
    public bool Post(string method, object argument)
    {
        if (IsLagging)
        {
            return false;
        }

        if (queue.Writer.TryWrite(new Outgoing(method, argument, null)))
        {
            return true;
        }

        Lag($"its queue of {method} and other notifications is full");
        return false;
    }

    /// <summary>
    /// Completes once everything posted before it was written (or the client was dropped), so a response never
    /// overtakes the notifications that led to it.
    /// </summary>
    public Task DrainAsync(CancellationToken cancellationToken)
    {
        if (IsLagging)
        {
            return Task.CompletedTask;
        }

        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new Outgoing(null, null, drained)))
        {
            // A full queue means the client is not reading; it is being dropped, the response does not matter to it.
            return Task.CompletedTask;
        }

        return drained.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the writer; what is still queued is dropped (the client catches up from history).</summary>
    public void Complete()
    {
        queue.Writer.TryComplete();
        while (queue.Reader.TryRead(out var item))
        {
            item.Drained?.TrySetResult();
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(cancellationToken))
            {
                if (item.Drained is { } drained)
                {
                    drained.TrySetResult();
                    continue;
                }

                if (IsLagging)
                {
                    continue;
                }

                try
                {
                    await rpc!.NotifyWithParameterObjectAsync(item.Method!, item.Argument).WaitAsync(writeTimeout, cancellationToken);
                }
                catch (TimeoutException)
                {
                    Lag($"writing {item.Method} took longer than {writeTimeout.TotalSeconds:0} s");
                }
                catch (Exception ex) when (ex is ObjectDisposedException or ConnectionLostException or IOException)
                {
                    logger.LogDebug("Notification {Method} not delivered to {Peer}: {Reason}", item.Method, peer, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Complete();
        }
    }

    private void Lag(string why)
    {
        if (Interlocked.Exchange(ref lagging, 1) == 1)
        {
            return;
        }

        logger.LogWarning("Client {Peer} stopped reading ({Why}): disconnected; it catches up from sessions/history when it reconnects", peer, why);
        Complete();
        if (disconnect is { } cut)
        {
            // Off the writer's own path: closing may wait for the very write that is stuck.
            _ = Task.Run(() =>
            {
                try
                {
                    cut();
                }
                catch (Exception ex)
                {
                    logger.LogDebug("Closing {Peer} failed: {Reason}", peer, ex.Message);
                }
            });
        }
    }

    private readonly record struct Outgoing(string? Method, object? Argument, TaskCompletionSource? Drained);
}
