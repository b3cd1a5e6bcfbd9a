using Microsoft.Data.Sqlite;

namespace Maestro.TestSupport.Storage;

/// <summary>
/// Puts a Maestro database back to the schema an older Maestro left, so a test can watch a later migration run
/// (and back-fill) again on the next start. The migrator runs every migration above the highest recorded version,
/// so rewinding to N must undo everything N+1 and later made; <see cref="Undo"/> holds that per version, and a test
/// in Storage/ fails when a new migration has no entry here.
/// </summary>
public static class SchemaRewind
{
    /// <summary>What undoes each migration after 5 (the oldest a back-fill test rewinds to).</summary>
    public static IReadOnlyDictionary<int, string> Undo { get; } = new Dictionary<int, string>
    {
        [6] = "DROP TABLE turn_stats;",
        [7] = "DROP TABLE chat_messages; DROP TABLE chat_participants; DROP TABLE chat_rooms;",
        [8] = "DROP TRIGGER IF EXISTS turn_stats_summary_insert; DROP TRIGGER IF EXISTS turn_stats_summary_delete; " +
              "DROP TRIGGER IF EXISTS turn_stats_summary_update; DROP TABLE turn_stats_session_days; DROP TABLE turn_stats_daily;",
        [9] = "DROP TABLE outages;",
        [13] = "DROP TRIGGER IF EXISTS turn_stats_session_spans_turn_insert; DROP TRIGGER IF EXISTS turn_stats_session_spans_turn_delete; " +
               "DROP TRIGGER IF EXISTS turn_stats_session_spans_turn_update; DROP TABLE turn_stats_session_starts; DROP TABLE turn_stats_session_spans;",
        [14] = "ALTER TABLE sessions DROP COLUMN archived;",
        [15] = "DROP TABLE hosts;",
        [16] = "DROP TABLE host_sessions;",
        [17] = "ALTER TABLE chat_participants DROP COLUMN host;",
    };

    /// <summary>Undoes every recorded migration above <paramref name="version"/>, newest first.</summary>
    public static async Task ToAsync(string databasePath, int version)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        var applied = new List<int>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT version FROM schema_migrations WHERE version > $v ORDER BY version DESC;";
            read.Parameters.AddWithValue("$v", version);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) applied.Add(reader.GetInt32(0));
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        foreach (var migration in applied)
        {
            if (!Undo.TryGetValue(migration, out var sql))
                throw new InvalidOperationException($"SchemaRewind does not know how to undo migration {migration}; add it to SchemaRewind.Undo.");
            using var undo = connection.CreateCommand();
            undo.Transaction = transaction;
            undo.CommandText = sql;
            await undo.ExecuteNonQueryAsync();
        }
        using (var forget = connection.CreateCommand())
        {
            forget.Transaction = transaction;
            forget.CommandText = "DELETE FROM schema_migrations WHERE version > $v;";
            forget.Parameters.AddWithValue("$v", version);
            await forget.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
