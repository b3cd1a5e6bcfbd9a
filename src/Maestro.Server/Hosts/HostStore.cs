using System.Globalization;
using System.Text.Json;
using Maestro.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Hosts;

/// <summary>The hosts table (migration 15), written through the database's single writer.</summary>
public sealed class HostStore
{
    private const string SelectHosts = "SELECT name, destination, options_json, env_json, folder, created_at FROM hosts";

    private readonly MaestroDatabase database;

    public HostStore(MaestroDatabase database)
    {
        this.database = database;
    }

    /// <summary>Inserts the host; false when a host of that name (case-insensitively) is already there.</summary>
    public Task<bool> TryInsertAsync(HostRecord host, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = """
                INSERT INTO hosts (name, destination, options_json, env_json, folder, created_at)
                VALUES ($name, $destination, $options, $env, $folder, $created)
                ON CONFLICT(name) DO NOTHING;
                """;
            command.Parameters.AddWithValue("$name", host.Name);
            command.Parameters.AddWithValue("$destination", host.Destination);
            command.Parameters.AddWithValue("$options", JsonSerializer.Serialize(host.Options, HostsJsonContext.Default.IReadOnlyListString));
            command.Parameters.AddWithValue("$env", JsonSerializer.Serialize(host.Env, HostsJsonContext.Default.IReadOnlyDictionaryStringString));
            command.Parameters.AddWithValue("$folder", (object?)host.Folder ?? DBNull.Value);
            command.Parameters.AddWithValue("$created", host.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        },
        cancellationToken);

    /// <summary>Deletes the host; false when there was none of that name.</summary>
    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = "DELETE FROM hosts WHERE name = $name;";
            command.Parameters.AddWithValue("$name", name);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        },
        cancellationToken);

    public Task<IReadOnlyList<HostRecord>> ListAsync(CancellationToken cancellationToken) => database.ReadAsync<IReadOnlyList<HostRecord>>(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = SelectHosts + " ORDER BY name COLLATE NOCASE;";
            return await ReadAllAsync(command, cancellationToken);
        },
        cancellationToken);

    public Task<HostRecord?> GetAsync(string name, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = SelectHosts + " WHERE name = $name;";
            command.Parameters.AddWithValue("$name", name);
            return (await ReadAllAsync(command, cancellationToken)).FirstOrDefault();
        },
        cancellationToken);

    private static async Task<List<HostRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var hosts = new List<HostRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hosts.Add(new HostRecord(
                reader.GetString(0),
                reader.GetString(1),
                JsonSerializer.Deserialize(reader.GetString(2), HostsJsonContext.Default.IReadOnlyListString) ?? [],
                JsonSerializer.Deserialize(reader.GetString(3), HostsJsonContext.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>(),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return hosts;
    }
}
