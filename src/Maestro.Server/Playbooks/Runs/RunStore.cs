using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>Runs and their task attempts in SQLite, written through the database's single writer.</summary>
public sealed class RunStore
{
    private const string SelectRuns = """
        SELECT id, playbook, agent_id, origin, status, outcome, reason, cwd, worktree, branch, settings_json, loop, reset_pending,
               total, done, failed, tasks_run, current_json, usage_json, started_at, ended_at
        FROM runs
        """;

    private const string SelectTasks = """
        SELECT run_id, seq, loop, document, ordinal, line, text, attempt, session_id, status, message, usage_json, started_at, ended_at
        FROM run_tasks
        """;

    private readonly MaestroDatabase database;

    public RunStore(MaestroDatabase database)
    {
        this.database = database;
    }

    /// <summary>Inserts or replaces the run's row.</summary>
    public Task SaveAsync(RunRecord run, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = """
                INSERT INTO runs (id, playbook, agent_id, origin, status, outcome, reason, cwd, worktree, branch, settings_json, loop, reset_pending,
                                  total, done, failed, tasks_run, current_json, usage_json, started_at, ended_at, updated_at)
                VALUES ($id, $playbook, $agent, $origin, $status, $outcome, $reason, $cwd, $worktree, $branch, $settings, $loop, $reset,
                        $total, $done, $failed, $tasksRun, $current, $usage, $started, $ended, $updated)
                ON CONFLICT(id) DO UPDATE SET
                    playbook = excluded.playbook, agent_id = excluded.agent_id, origin = excluded.origin, status = excluded.status,
                    outcome = excluded.outcome, reason = excluded.reason, cwd = excluded.cwd, worktree = excluded.worktree,
                    branch = excluded.branch, settings_json = excluded.settings_json, loop = excluded.loop, reset_pending = excluded.reset_pending,
                    total = excluded.total, done = excluded.done, failed = excluded.failed, tasks_run = excluded.tasks_run,
                    current_json = excluded.current_json, usage_json = excluded.usage_json, started_at = excluded.started_at,
                    ended_at = excluded.ended_at, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$id", run.Id);
            command.Parameters.AddWithValue("$playbook", run.Playbook);
            command.Parameters.AddWithValue("$agent", run.AgentId);
            command.Parameters.AddWithValue("$origin", run.Origin.ToString());
            command.Parameters.AddWithValue("$status", run.Status.ToString());
            command.Parameters.AddWithValue("$outcome", (object?)run.Outcome?.ToString() ?? DBNull.Value);
            command.Parameters.AddWithValue("$reason", (object?)run.Reason ?? DBNull.Value);
            command.Parameters.AddWithValue("$cwd", run.Cwd);
            command.Parameters.AddWithValue("$worktree", (object?)run.Worktree ?? DBNull.Value);
            command.Parameters.AddWithValue("$branch", (object?)run.Branch ?? DBNull.Value);
            command.Parameters.AddWithValue("$settings", JsonSerializer.Serialize(run.Settings, RunsJsonContext.Default.RunSettings));
            command.Parameters.AddWithValue("$loop", run.Loop);
            command.Parameters.AddWithValue("$reset", run.ResetPending ? 1 : 0);
            command.Parameters.AddWithValue("$total", run.Total);
            command.Parameters.AddWithValue("$done", run.Done);
            command.Parameters.AddWithValue("$failed", run.Failed);
            command.Parameters.AddWithValue("$tasksRun", run.TasksRun);
            command.Parameters.AddWithValue("$current", run.Current is null ? DBNull.Value : JsonSerializer.Serialize(run.Current, MaestroJsonContext.Default.RunTask));
            command.Parameters.AddWithValue("$usage", JsonSerializer.Serialize(run.Usage, MaestroJsonContext.Default.Usage));
            command.Parameters.AddWithValue("$started", Format(run.StartedAt));
            command.Parameters.AddWithValue("$ended", run.EndedAt is null ? DBNull.Value : Format(run.EndedAt.Value));
            command.Parameters.AddWithValue("$updated", Format(DateTimeOffset.UtcNow));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    /// <summary>Inserts or replaces one attempt's row.</summary>
    public Task SaveTaskAsync(RunTaskRecord task, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = """
                INSERT OR REPLACE INTO run_tasks (run_id, seq, loop, document, ordinal, line, text, attempt, session_id, status, message, usage_json, started_at, ended_at)
                VALUES ($run, $seq, $loop, $document, $ordinal, $line, $text, $attempt, $session, $status, $message, $usage, $started, $ended);
                """;
            command.Parameters.AddWithValue("$run", task.RunId);
            command.Parameters.AddWithValue("$seq", task.Seq);
            command.Parameters.AddWithValue("$loop", task.Loop);
            command.Parameters.AddWithValue("$document", task.Document);
            command.Parameters.AddWithValue("$ordinal", task.Ordinal);
            command.Parameters.AddWithValue("$line", task.Line);
            command.Parameters.AddWithValue("$text", task.Text);
            command.Parameters.AddWithValue("$attempt", task.Attempt);
            command.Parameters.AddWithValue("$session", (object?)task.SessionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$status", task.Status.ToString());
            command.Parameters.AddWithValue("$message", (object?)task.Message ?? DBNull.Value);
            command.Parameters.AddWithValue("$usage", JsonSerializer.Serialize(task.Usage, MaestroJsonContext.Default.Usage));
            command.Parameters.AddWithValue("$started", Format(task.StartedAt));
            command.Parameters.AddWithValue("$ended", task.EndedAt is null ? DBNull.Value : Format(task.EndedAt.Value));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    public Task<RunRecord?> GetAsync(string id, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = SelectRuns + " WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadRun(reader) : null;
        },
        cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListAsync(RunStatus? status, CancellationToken cancellationToken) => database.ReadAsync<IReadOnlyList<RunRecord>>(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = SelectRuns + (status is null ? string.Empty : " WHERE status = $status") + " ORDER BY started_at DESC;";
            if (status is not null)
            {
                command.Parameters.AddWithValue("$status", status.Value.ToString());
            }

            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var runs = new List<RunRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                runs.Add(ReadRun(reader));
            }

            return runs;
        },
        cancellationToken);

    /// <summary>Every attempt of a run, in order.</summary>
    public Task<IReadOnlyList<RunTaskRecord>> TasksAsync(string runId, CancellationToken cancellationToken) => database.ReadAsync<IReadOnlyList<RunTaskRecord>>(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = SelectTasks + " WHERE run_id = $run ORDER BY seq;";
            command.Parameters.AddWithValue("$run", runId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var tasks = new List<RunTaskRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                tasks.Add(ReadTask(reader));
            }

            return tasks;
        },
        cancellationToken);

    /// <summary>The sessions of a run's attempts, in order, for <see cref="Run.SessionIds"/>.</summary>
    public Task<IReadOnlyList<string>> SessionIdsAsync(string runId, CancellationToken cancellationToken) => database.ReadAsync<IReadOnlyList<string>>(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT session_id FROM run_tasks WHERE run_id = $run AND session_id IS NOT NULL ORDER BY seq;";
            command.Parameters.AddWithValue("$run", runId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var ids = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        },
        cancellationToken);

    private static RunRecord ReadRun(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Playbook = r.GetString(1),
        AgentId = r.GetString(2),
        Origin = Enum.Parse<RunOrigin>(r.GetString(3)),
        Status = Enum.Parse<RunStatus>(r.GetString(4)),
        Outcome = r.IsDBNull(5) ? null : Enum.Parse<RunOutcome>(r.GetString(5)),
        Reason = r.IsDBNull(6) ? null : r.GetString(6),
        Cwd = r.GetString(7),
        Worktree = r.IsDBNull(8) ? null : r.GetString(8),
        Branch = r.IsDBNull(9) ? null : r.GetString(9),
        Settings = JsonSerializer.Deserialize(r.GetString(10), RunsJsonContext.Default.RunSettings)!,
        Loop = r.GetInt32(11),
        ResetPending = r.GetInt32(12) != 0,
        Total = r.GetInt32(13),
        Done = r.GetInt32(14),
        Failed = r.GetInt32(15),
        TasksRun = r.GetInt32(16),
        Current = r.IsDBNull(17) ? null : JsonSerializer.Deserialize(r.GetString(17), MaestroJsonContext.Default.RunTask),
        Usage = JsonSerializer.Deserialize(r.GetString(18), MaestroJsonContext.Default.Usage) ?? Usage.Zero,
        StartedAt = Parse(r.GetString(19)),
        EndedAt = r.IsDBNull(20) ? null : Parse(r.GetString(20)),
    };

    private static RunTaskRecord ReadTask(SqliteDataReader r) => new()
    {
        RunId = r.GetString(0),
        Seq = r.GetInt32(1),
        Loop = r.GetInt32(2),
        Document = r.GetString(3),
        Ordinal = r.GetInt32(4),
        Line = r.GetInt32(5),
        Text = r.GetString(6),
        Attempt = r.GetInt32(7),
        SessionId = r.IsDBNull(8) ? null : r.GetString(8),
        Status = Enum.Parse<RunTaskStatus>(r.GetString(9)),
        Message = r.IsDBNull(10) ? null : r.GetString(10),
        Usage = JsonSerializer.Deserialize(r.GetString(11), MaestroJsonContext.Default.Usage) ?? Usage.Zero,
        StartedAt = Parse(r.GetString(12)),
        EndedAt = r.IsDBNull(13) ? null : Parse(r.GetString(13)),
    };

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
