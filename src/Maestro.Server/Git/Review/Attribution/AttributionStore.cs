using System.Globalization;
using Maestro.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>The turn baselines, agent changes and review decisions in Maestro's database (migration 5).</summary>
internal sealed class AttributionStore
{
    private readonly MaestroDatabase database;

    public AttributionStore(MaestroDatabase database)
    {
        this.database = database;
    }

    /// <summary>Forgets a deleted session's turns; returns the files it had changed, by repository root.</summary>
    public Task<IReadOnlyList<(string Root, string Path)>> ForgetSessionAsync(string sessionId, CancellationToken cancellationToken) => database.WriteAsync<IReadOnlyList<(string Root, string Path)>>(
        async (c, t) =>
        {
            var changed = new List<(string Root, string Path)>();
            using (var select = Command(c, t, "SELECT DISTINCT root, path FROM agent_changes WHERE session_id = $s;"))
            {
                select.Parameters.AddWithValue("$s", sessionId);
                using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    changed.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            using var command = Command(c, t, "DELETE FROM agent_changes WHERE session_id = $s; DELETE FROM turn_baselines WHERE session_id = $s;");
            command.Parameters.AddWithValue("$s", sessionId);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return changed;
        },
        cancellationToken);

    public Task StartTurnAsync(string sessionId, string turnId, string root, string folder, string tree, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = Command(c, t, """
                INSERT OR REPLACE INTO turn_baselines (session_id, turn_id, root, folder, start_tree, started_at)
                VALUES ($session, $turn, $root, $folder, $tree, $now);
                """);
            command.Parameters.AddWithValue("$session", sessionId);
            command.Parameters.AddWithValue("$turn", turnId);
            command.Parameters.AddWithValue("$root", root);
            command.Parameters.AddWithValue("$folder", folder);
            command.Parameters.AddWithValue("$tree", tree);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    /// <summary>Ends a turn: its end tree and the files it changed, in one transaction.</summary>
    public Task EndTurnAsync(string sessionId, string turnId, string tree, IReadOnlyList<AgentChange> changes, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using (var command = Command(c, t, "UPDATE turn_baselines SET end_tree = $tree, ended_at = $now WHERE session_id = $session AND turn_id = $turn;"))
            {
                command.Parameters.AddWithValue("$session", sessionId);
                command.Parameters.AddWithValue("$turn", turnId);
                command.Parameters.AddWithValue("$tree", tree);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var change in changes)
            {
                await UpsertAsync(c, t, change, cancellationToken);
            }

            return changes.Count;
        },
        cancellationToken);

    /// <summary>The pending agent changes under <paramref name="root"/>, oldest turn first, with their session's name and agent.</summary>
    public Task<List<AgentChange>> PendingAsync(string root, string? sessionId, string? turnId, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                SELECT a.session_id, a.turn_id, a.path, a.baseline_blob, a.agent_blob, COALESCE(s.name, a.session_id), COALESCE(s.agent_id, '')
                FROM agent_changes a
                LEFT JOIN sessions s ON s.id = a.session_id
                LEFT JOIN turn_baselines b ON b.session_id = a.session_id AND b.turn_id = a.turn_id
                WHERE a.root = $root
                  AND a.baseline_blob IS NOT a.agent_blob
                  AND ($session IS NULL OR a.session_id = $session)
                  AND ($turn IS NULL OR a.turn_id = $turn)
                ORDER BY b.started_at, a.session_id, a.turn_id, a.path;
                """;
            command.Parameters.AddWithValue("$root", root);
            command.Parameters.AddWithValue("$session", (object?)sessionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$turn", (object?)turnId ?? DBNull.Value);
            var result = new List<AgentChange>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(new AgentChange(reader.GetString(0), reader.GetString(1), root, reader.GetString(2), Nullable(reader, 3), Nullable(reader, 4))
                {
                    SessionName = reader.GetString(5),
                    AgentId = reader.GetString(6),
                });
            }

            return result;
        },
        cancellationToken);

    /// <summary>
    /// The decisions under <paramref name="root"/> that were not undone, per file they covered, oldest first (so a later
    /// one wins); only those whose agent change is still stored (a deleted session's are gone).
    /// </summary>
    public Task<List<(string SessionId, string TurnId, string Path, string Kind, string DecisionId)>> DecidedAsync(string root, string? sessionId, string? turnId, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                SELECT f.session_id, f.turn_id, f.path, d.kind, d.id
                FROM review_decisions d
                JOIN review_decision_files f ON f.decision_id = d.id
                JOIN agent_changes a ON a.session_id = f.session_id AND a.turn_id = f.turn_id AND a.path = f.path
                WHERE d.root = $root
                  AND d.undone_at IS NULL
                  AND ($session IS NULL OR f.session_id = $session)
                  AND ($turn IS NULL OR f.turn_id = $turn)
                ORDER BY d.rowid, f.ordinal;
                """;
            command.Parameters.AddWithValue("$root", root);
            command.Parameters.AddWithValue("$session", (object?)sessionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$turn", (object?)turnId ?? DBNull.Value);
            var result = new List<(string, string, string, string, string)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }

            return result;
        },
        cancellationToken);

    /// <summary>Stores a decision and the agent changes it moved, in one transaction.</summary>
    public Task SaveDecisionAsync(ReviewDecision decision, IReadOnlyList<AgentChange> updated, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using (var command = Command(c, t, "INSERT INTO review_decisions (id, root, kind, created_at) VALUES ($id, $root, $kind, $now);"))
            {
                command.Parameters.AddWithValue("$id", decision.Id);
                command.Parameters.AddWithValue("$root", decision.Root);
                command.Parameters.AddWithValue("$kind", decision.Kind);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            for (var i = 0; i < decision.Files.Count; i++)
            {
                var f = decision.Files[i];
                using var command = Command(c, t, """
                    INSERT INTO review_decision_files (decision_id, ordinal, session_id, turn_id, path, baseline_before, baseline_after,
                        agent_before, agent_after, work_touched, work_before, work_after, trash_path)
                    VALUES ($id, $ordinal, $session, $turn, $path, $bb, $ba, $ab, $aa, $wt, $wb, $wa, $trash);
                    """);
                command.Parameters.AddWithValue("$id", decision.Id);
                command.Parameters.AddWithValue("$ordinal", i);
                command.Parameters.AddWithValue("$session", f.SessionId);
                command.Parameters.AddWithValue("$turn", f.TurnId);
                command.Parameters.AddWithValue("$path", f.Path);
                command.Parameters.AddWithValue("$bb", (object?)f.BaselineBefore ?? DBNull.Value);
                command.Parameters.AddWithValue("$ba", (object?)f.BaselineAfter ?? DBNull.Value);
                command.Parameters.AddWithValue("$ab", (object?)f.AgentBefore ?? DBNull.Value);
                command.Parameters.AddWithValue("$aa", (object?)f.AgentAfter ?? DBNull.Value);
                command.Parameters.AddWithValue("$wt", f.WorkTouched ? 1 : 0);
                command.Parameters.AddWithValue("$wb", (object?)f.WorkBefore ?? DBNull.Value);
                command.Parameters.AddWithValue("$wa", (object?)f.WorkAfter ?? DBNull.Value);
                command.Parameters.AddWithValue("$trash", (object?)f.TrashPath ?? DBNull.Value);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var change in updated)
            {
                await UpsertAsync(c, t, change, cancellationToken);
            }

            return 0;
        },
        cancellationToken);

    public Task<ReviewDecision?> GetDecisionAsync(string id, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            string root, kind;
            bool undone;
            using (var command = c.CreateCommand())
            {
                command.CommandText = "SELECT root, kind, undone_at FROM review_decisions WHERE id = $id;";
                command.Parameters.AddWithValue("$id", id);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null;
                }

                (root, kind, undone) = (reader.GetString(0), reader.GetString(1), !reader.IsDBNull(2));
            }

            var files = new List<DecisionFile>();
            using (var command = c.CreateCommand())
            {
                command.CommandText = """
                    SELECT session_id, turn_id, path, baseline_before, baseline_after, agent_before, agent_after, work_touched, work_before, work_after, trash_path
                    FROM review_decision_files WHERE decision_id = $id ORDER BY ordinal;
                    """;
                command.Parameters.AddWithValue("$id", id);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    files.Add(new DecisionFile(reader.GetString(0), reader.GetString(1), reader.GetString(2))
                    {
                        BaselineBefore = Nullable(reader, 3),
                        BaselineAfter = Nullable(reader, 4),
                        AgentBefore = Nullable(reader, 5),
                        AgentAfter = Nullable(reader, 6),
                        WorkTouched = reader.GetInt64(7) != 0,
                        WorkBefore = Nullable(reader, 8),
                        WorkAfter = Nullable(reader, 9),
                        TrashPath = Nullable(reader, 10),
                    });
                }
            }

            return new ReviewDecision(id, root, kind, files) { Undone = undone };
        },
        cancellationToken);

    /// <summary>The agent change a decision file is about, as it is now; null when none is stored.</summary>
    public Task<AgentChange?> GetChangeAsync(string sessionId, string turnId, string root, string path, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT baseline_blob, agent_blob FROM agent_changes WHERE session_id = $session AND turn_id = $turn AND path = $path;";
            command.Parameters.AddWithValue("$session", sessionId);
            command.Parameters.AddWithValue("$turn", turnId);
            command.Parameters.AddWithValue("$path", path);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new AgentChange(sessionId, turnId, root, path, Nullable(reader, 0), Nullable(reader, 1)) : null;
        },
        cancellationToken);

    public Task MarkUndoneAsync(string id, IReadOnlyList<AgentChange> updated, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using (var command = Command(c, t, "UPDATE review_decisions SET undone_at = $now WHERE id = $id;"))
            {
                command.Parameters.AddWithValue("$id", id);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var change in updated)
            {
                await UpsertAsync(c, t, change, cancellationToken);
            }

            return 0;
        },
        cancellationToken);

    private static async Task UpsertAsync(SqliteConnection c, SqliteTransaction t, AgentChange change, CancellationToken cancellationToken)
    {
        using var command = Command(c, t, """
            INSERT INTO agent_changes (session_id, turn_id, root, path, baseline_blob, agent_blob, updated_at)
            VALUES ($session, $turn, $root, $path, $baseline, $agent, $now)
            ON CONFLICT (session_id, turn_id, path) DO UPDATE SET baseline_blob = excluded.baseline_blob, agent_blob = excluded.agent_blob, updated_at = excluded.updated_at;
            """);
        command.Parameters.AddWithValue("$session", change.SessionId);
        command.Parameters.AddWithValue("$turn", change.TurnId);
        command.Parameters.AddWithValue("$root", change.Root);
        command.Parameters.AddWithValue("$path", change.Path);
        command.Parameters.AddWithValue("$baseline", (object?)change.BaselineBlob ?? DBNull.Value);
        command.Parameters.AddWithValue("$agent", (object?)change.AgentBlob ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction t, string sql)
    {
        var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        return command;
    }

    private static string? Nullable(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
