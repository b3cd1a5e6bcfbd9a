using System.Text.Json;
using Maestro.Protocol;
using Microsoft.Data.Sqlite;

namespace Maestro.TestSupport.Sessions;

/// <summary>Reads a session's events and status straight from <c>maestro.db</c>, with no daemon: what survived, as stored.</summary>
public static class StoredEvents
{
    public static async Task<IReadOnlyList<(long Seq, SessionEvent Event)>> ReadAsync(string home, string sessionId)
    {
        await using var connection = Open(home);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, json FROM events WHERE session_id = $s ORDER BY seq;";
        command.Parameters.AddWithValue("$s", sessionId);
        var events = new List<(long, SessionEvent)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetInt64(0), JsonSerializer.Deserialize(reader.GetString(1), MaestroJsonContext.Default.SessionEvent)!));
        }

        return events;
    }

    public static async Task<string?> StatusAsync(string home, string sessionId)
    {
        await using var connection = Open(home);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status FROM sessions WHERE id = $s;";
        command.Parameters.AddWithValue("$s", sessionId);
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>How many agent process groups the database records as running (issue 13, H3).</summary>
    public static async Task<long> AgentProcessCountAsync(string home)
    {
        await using var connection = Open(home);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM agent_processes;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The ids of the sessions stored, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> SessionIdsAsync(string home)
    {
        if (!File.Exists(Path.Combine(home, "maestro.db")))
        {
            return [];
        }

        await using var connection = Open(home);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM sessions ORDER BY created_at;";
        var ids = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetString(0));
            }
        }
        catch (SqliteException)
        {
            // the schema is not there yet
        }

        return ids;
    }

    private static SqliteConnection Open(string home)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(home, "maestro.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
