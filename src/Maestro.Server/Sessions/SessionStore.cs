using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Sessions;

/// <summary>Sessions and their events in SQLite. Events are appended in batches and read back in pages by seq.</summary>
public sealed class SessionStore
{
    private readonly MaestroDatabase database;

    public SessionStore(MaestroDatabase database)
    {
        this.database = database;
    }

    public Task InsertAsync(Session session, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = """
                INSERT INTO sessions (id, name, agent_id, cwd, worktree, branch, status, agent_session_id, model, permission_mode, last_seq, usage_json, created_at, updated_at, archived)
                VALUES ($id, $name, $agent, $cwd, $worktree, $branch, $status, $agentSession, $model, $mode, $lastSeq, $usage, $created, $updated, $archived);
                """;
            Bind(command, session);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    /// <summary>
    /// Appends events with their seq and updates the session row, in one transaction. The numbers come from the
    /// database in the end: when the events table already holds a number given (another process wrote to this
    /// session), the batch is renumbered after the last stored event, so a collision can never jam a session.
    /// Returns the batch and the session as stored.
    /// </summary>
    public Task<StoredBatch> AppendAsync(Session session, IReadOnlyList<SessionEventNotification> events, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            if (events.Count > 0)
            {
                var stored = await MaxSeqCoreAsync(c, t, session.Id, cancellationToken);
                if (stored >= events[0].Seq)
                {
                    var shift = stored + 1 - events[0].Seq;
                    events = [.. events.Select(e => e with { Seq = e.Seq + shift })];
                    session = session with { LastSeq = events[^1].Seq };
                }
            }

            using var insert = c.CreateCommand();
            insert.Transaction = t;
            insert.CommandText = "INSERT INTO events (session_id, seq, time, kind, json) VALUES ($s, $seq, $time, $kind, $json);";
            var s = insert.Parameters.Add("$s", SqliteType.Text);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var time = insert.Parameters.Add("$time", SqliteType.Text);
            var kind = insert.Parameters.Add("$kind", SqliteType.Text);
            var json = insert.Parameters.Add("$json", SqliteType.Text);
            insert.Prepare();
            foreach (var e in events)
            {
                s.Value = e.SessionId;
                seq.Value = e.Seq;
                time.Value = FormatTime(e.Time);
                kind.Value = SessionEventKinds.Of(e.Event);
                json.Value = JsonSerializer.Serialize(e.Event, MaestroJsonContext.Default.SessionEvent);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await UpdateCoreAsync(c, t, session, cancellationToken);
            return new StoredBatch(session, events);
        },
        cancellationToken);

    /// <summary>
    /// Rewrites stored events in place, keeping their seq: an outage event is one row revised at every resend
    /// (see <see cref="Protocol.OutageEvent"/>), not one row per attempt.
    /// </summary>
    public Task ReviseAsync(IReadOnlyList<SessionEventNotification> events, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            foreach (var e in events)
            {
                using var update = c.CreateCommand();
                update.Transaction = t;
                update.CommandText = "UPDATE events SET time = $time, json = $json WHERE session_id = $s AND seq = $seq;";
                update.Parameters.AddWithValue("$s", e.SessionId);
                update.Parameters.AddWithValue("$seq", e.Seq);
                update.Parameters.AddWithValue("$time", FormatTime(e.Time));
                update.Parameters.AddWithValue("$json", JsonSerializer.Serialize(e.Event, MaestroJsonContext.Default.SessionEvent));
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            return true;
        },
        cancellationToken);

    /// <summary>The last seq stored for the session: where a runtime starts numbering, whatever the row's cached last_seq says.</summary>
    public Task<long> MaxSeqAsync(string sessionId, CancellationToken cancellationToken) => database.ReadAsync(
        async c => await MaxSeqCoreAsync(c, null, sessionId, cancellationToken),
        cancellationToken);

    private static async Task<long> MaxSeqCoreAsync(SqliteConnection c, SqliteTransaction? t, string sessionId, CancellationToken cancellationToken)
    {
        using var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM events WHERE session_id = $s;";
        command.Parameters.AddWithValue("$s", sessionId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public Task<Session?> GetAsync(string id, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = SelectSessions + " WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadSession(reader) : null;
        },
        cancellationToken);

    public Task<IReadOnlyList<Session>> ListAsync(string? cwd, SessionStatus? status, CancellationToken cancellationToken) => database.ReadAsync<IReadOnlyList<Session>>(
        async c =>
        {
            using var command = c.CreateCommand();
            var where = new List<string>();
            if (cwd is not null)
            {
                where.Add("(cwd = $cwd OR worktree = $cwd)");
                command.Parameters.AddWithValue("$cwd", cwd);
            }

            if (status is not null)
            {
                where.Add("status = $status");
                command.Parameters.AddWithValue("$status", Name(status.Value));
            }

            command.CommandText = SelectSessions + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty) + " ORDER BY updated_at DESC;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var sessions = new List<Session>();
            while (await reader.ReadAsync(cancellationToken))
            {
                sessions.Add(ReadSession(reader));
            }

            return sessions;
        },
        cancellationToken);

    /// <summary>
    /// Deletes the session, its events (by cascade) and its agent process records. Turn stats stay: what was spent
    /// was spent. Review attribution is the turn observer's to forget.
    /// </summary>
    public Task DeleteAsync(string sessionId, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = """
                DELETE FROM agent_processes WHERE session_id = $id;
                DELETE FROM sessions WHERE id = $id;
                """;
            command.Parameters.AddWithValue("$id", sessionId);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    /// <summary>A page of events after <paramref name="afterSeq"/>, read by key range: cost does not grow with the session.</summary>
    public Task<SessionHistoryResult> HistoryAsync(string sessionId, long afterSeq, int limit, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT seq, time, json FROM events WHERE session_id = $s AND seq > $after ORDER BY seq LIMIT $limit;";
            command.Parameters.AddWithValue("$s", sessionId);
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$limit", limit + 1);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var events = new List<SessionEventNotification>(Math.Min(limit, 1024));
            var hasMore = false;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (events.Count == limit)
                {
                    hasMore = true;
                    break;
                }

                events.Add(new SessionEventNotification
                {
                    SessionId = sessionId,
                    Seq = reader.GetInt64(0),
                    Time = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    Event = JsonSerializer.Deserialize(reader.GetString(2), MaestroJsonContext.Default.SessionEvent)!,
                });
            }

            return new SessionHistoryResult { Events = events, HasMore = hasMore };
        },
        cancellationToken);

    private const string SelectSessions =
        "SELECT id, name, agent_id, cwd, worktree, branch, status, agent_session_id, model, permission_mode, last_seq, usage_json, created_at, updated_at, archived FROM sessions";

    private static async Task<int> UpdateCoreAsync(SqliteConnection c, SqliteTransaction t, Session session, CancellationToken cancellationToken)
    {
        using var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = """
            UPDATE sessions SET name = $name, agent_id = $agent, cwd = $cwd, worktree = $worktree, branch = $branch, status = $status,
                agent_session_id = $agentSession, model = $model, permission_mode = $mode, last_seq = $lastSeq, usage_json = $usage,
                created_at = $created, updated_at = $updated, archived = $archived
            WHERE id = $id;
            """;
        Bind(command, session);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(SqliteCommand command, Session session)
    {
        command.Parameters.AddWithValue("$id", session.Id);
        command.Parameters.AddWithValue("$name", session.Name);
        command.Parameters.AddWithValue("$agent", session.AgentId);
        command.Parameters.AddWithValue("$cwd", session.Cwd);
        command.Parameters.AddWithValue("$worktree", (object?)session.Worktree ?? DBNull.Value);
        command.Parameters.AddWithValue("$branch", (object?)session.Branch ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", Name(session.Status));
        command.Parameters.AddWithValue("$agentSession", (object?)session.AgentSessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$model", (object?)session.Model ?? DBNull.Value);
        command.Parameters.AddWithValue("$mode", JsonNamingPolicy.CamelCase.ConvertName(session.PermissionMode.ToString()));
        command.Parameters.AddWithValue("$lastSeq", session.LastSeq);
        command.Parameters.AddWithValue("$usage", JsonSerializer.Serialize(session.Usage, MaestroJsonContext.Default.Usage));
        command.Parameters.AddWithValue("$created", FormatTime(session.CreatedAt));
        command.Parameters.AddWithValue("$updated", FormatTime(session.UpdatedAt));
        command.Parameters.AddWithValue("$archived", session.Archived ? 1 : 0);
    }

    private static Session ReadSession(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Name = r.GetString(1),
        AgentId = r.GetString(2),
        Cwd = r.GetString(3),
        Worktree = r.IsDBNull(4) ? null : r.GetString(4),
        Branch = r.IsDBNull(5) ? null : r.GetString(5),
        Status = Enum.Parse<SessionStatus>(r.GetString(6), ignoreCase: true),
        AgentSessionId = r.IsDBNull(7) ? null : r.GetString(7),
        Model = r.IsDBNull(8) ? null : r.GetString(8),
        PermissionMode = Enum.Parse<PermissionMode>(r.GetString(9), ignoreCase: true),
        LastSeq = r.GetInt64(10),
        Usage = JsonSerializer.Deserialize(r.GetString(11), MaestroJsonContext.Default.Usage) ?? Usage.Zero,
        CreatedAt = DateTimeOffset.Parse(r.GetString(12), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        UpdatedAt = DateTimeOffset.Parse(r.GetString(13), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        Archived = r.GetInt64(14) != 0,
    };

    private static string Name(SessionStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
