using System.Globalization;
using Maestro.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Agents.Containment;

/// <summary>The <c>agent_processes</c> table: one row per agent process group that is (or was, until a crash) running.</summary>
public sealed class AgentProcessStore
{
    private readonly MaestroDatabase database;

    public AgentProcessStore(MaestroDatabase database)
    {
        this.database = database;
    }

    public Task AddAsync(AgentProcessRecord record, CancellationToken cancellationToken) => database.WriteAsync(
        async (connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR REPLACE INTO agent_processes (boot_id, pid, start_time, pgid, sid, session_id, owner_pid, owner_start_time, started_at)
                VALUES ($boot, $pid, $start, $pgid, $sid, $session, $owner, $ownerStart, $at);
                """;
            command.Parameters.AddWithValue("$boot", record.BootId);
            command.Parameters.AddWithValue("$pid", record.Pid);
            command.Parameters.AddWithValue("$start", record.StartTime);
            command.Parameters.AddWithValue("$pgid", record.ProcessGroupId);
            command.Parameters.AddWithValue("$sid", record.ProcessSessionId);
            command.Parameters.AddWithValue("$session", (object?)record.SessionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$owner", record.OwnerPid);
            command.Parameters.AddWithValue("$ownerStart", record.OwnerStartTime);
            command.Parameters.AddWithValue("$at", record.StartedAt.ToString("O", CultureInfo.InvariantCulture));
            return await command.ExecuteNonQueryAsync();
        },
        cancellationToken);

    public Task RemoveAsync(AgentProcessRecord record, CancellationToken cancellationToken) => database.WriteAsync(
        async (connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM agent_processes WHERE boot_id = $boot AND pid = $pid AND start_time = $start;";
            command.Parameters.AddWithValue("$boot", record.BootId);
            command.Parameters.AddWithValue("$pid", record.Pid);
            command.Parameters.AddWithValue("$start", record.StartTime);
            return await command.ExecuteNonQueryAsync();
        },
        cancellationToken);

    public Task<IReadOnlyList<AgentProcessRecord>> ListAsync(CancellationToken cancellationToken) => database.ReadAsync<IReadOnlyList<AgentProcessRecord>>(
        async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT boot_id, pid, start_time, pgid, sid, session_id, owner_pid, owner_start_time, started_at FROM agent_processes ORDER BY started_at;";
            var records = new List<AgentProcessRecord>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(new AgentProcessRecord
                {
                    BootId = reader.GetString(0),
                    Pid = reader.GetInt32(1),
                    StartTime = reader.GetInt64(2),
                    ProcessGroupId = reader.GetInt32(3),
                    ProcessSessionId = reader.GetInt32(4),
                    SessionId = reader.IsDBNull(5) ? null : reader.GetString(5),
                    OwnerPid = reader.GetInt32(6),
                    OwnerStartTime = reader.GetInt64(7),
                    StartedAt = DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                });
            }

            return records;
        },
        cancellationToken);
}
