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

    /// <summary>Sends a notification to every initialized client; a client that fails is logged, not fatal.</summary>
    public async Task NotifyAllAsync(string method, object argument)
    {
        foreach (var connection in Initialized)
        {
            await NotifyAsync(connection, method, argument);
        }
    }

    /// <summary>Sends a notification to one client; a client that has gone is logged, not fatal.</summary>
    public async Task NotifyAsync(ClientConnection connection, string method, object argument)
    {
        try
        {
            await connection.Rpc!.NotifyWithParameterObjectAsync(method, argument);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or StreamJsonRpc.ConnectionLostException or IOException)
        {
            logger.LogDebug("Notification {Method} not delivered to {Connection}: {Reason}", method, connection.Describe(), ex.Message);
        }
    }
}
