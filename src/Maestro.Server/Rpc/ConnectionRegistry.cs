using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Rpc;

/// <summary>Every live connection of this server, so features can notify all initialized clients.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, ClientConnection> connections = new();
    private readonly ILogger<ConnectionRegistry> logger;

    public ConnectionRegistry(ILogger<ConnectionRegistry> logger)
    {
        this.logger = logger;
    }

    public event EventHandler? CountChanged;

    public int Count => connections.Count;

    public IEnumerable<ClientConnection> Initialized =>
        connections.Values.Where(c => c.State == ConnectionState.Initialized && c.Rpc is not null);

    internal void Add(ClientConnection connection)
    {
        connections[connection.Id] = connection;
        CountChanged?.Invoke(this, EventArgs.Empty);
    }

    internal void Remove(ClientConnection connection)
    {
        connections.TryRemove(connection.Id, out _);
        CountChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Queues a notification for every initialized client; never waits for any of them.</summary>
    public void PostToAll(string method, object argument)
    {
        foreach (var connection in Initialized)
        {
            Post(connection, method, argument);
        }
    }

    /// <summary>Queues a notification for one client; never waits (a client that fell behind is dropped, see <see cref="ClientOutbox"/>).</summary>
    public void Post(ClientConnection connection, string method, object argument)
    {
        if (connection.Outbox is { } outbox && !outbox.Post(method, argument))
        {
            logger.LogDebug("Notification {Method} not queued for {Connection}: it is being disconnected", method, connection.Describe());
        }
    }
}
