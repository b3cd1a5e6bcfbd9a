using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Storage;

namespace Maestro.Server.Hosts;

/// <summary>
/// The last known state of each host's sessions (table <c>host_sessions</c>, migration 16): what the relay shows for a
/// host that is not connected (yet) after this daemon restarted. The host's daemon keeps the sessions and their
/// history; this is only the list, replaced by the host's own once the connection is up.
/// </summary>
public sealed class HostSessionCache
{
    private readonly MaestroDatabase database;

    public HostSessionCache(MaestroDatabase database)
    {
        this.database = database;
    }

    /// <summary>The host's sessions as last seen (as the host gave them: no <c>host</c>, not offline).</summary>
    public Task<IReadOnlyList<Session>> LoadAsync(string host, CancellationToken cancellationToken) => database.ReadAsync<IReadOnlyList<Session>>(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT session_json FROM host_sessions WHERE host = $host;";
            command.Parameters.AddWithValue("$host", host);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var sessions = new List<Session>();
            while (await reader.ReadAsync(cancellationToken))
            {
                if (JsonSerializer.Deserialize(reader.GetString(0), MaestroJsonContext.Default.Session) is { } session)
                {
                    sessions.Add(session);
                }
            }

            return sessions;
        },
        cancellationToken);

    /// <summary>Stores one session's last known state.</summary>
    public Task SaveAsync(string host, Session session, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = "INSERT OR REPLACE INTO host_sessions (host, id, session_json) VALUES ($host, $id, $json);";
            command.Parameters.AddWithValue("$host", host);
            command.Parameters.AddWithValue("$id", session.Id);
            command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(session with { Host = null, Offline = false }, MaestroJsonContext.Default.Session));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    /// <summary>Forgets one session (deleted on the host), or every session of a host when <paramref name="sessionId"/> is null (the host removed).</summary>
    public Task ForgetAsync(string host, string? sessionId, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = sessionId is null
                ? "DELETE FROM host_sessions WHERE host = $host;"
                : "DELETE FROM host_sessions WHERE host = $host AND id = $id;";
            command.Parameters.AddWithValue("$host", host);
            if (sessionId is not null)
            {
                command.Parameters.AddWithValue("$id", sessionId);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);
}
