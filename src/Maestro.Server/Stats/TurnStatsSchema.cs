namespace Maestro.Server.Stats;

/// <summary>
/// The turn_stats table and its back-fill from the sessions stored before it existed. Runs need no table of their
/// own: the runs and run_tasks rows already hold every run's tasks, duration and outcome.
/// </summary>
public static class TurnStatsSchema
{

    public static string MigrationSql { get; } = """
        -- One row per ended turn. Costs are kept in billionths of a USD (integers sum exactly); cost_known is 0 when
        -- the turn used tokens and its agent reported no cost (counted by its tokens, uncounted in money).
        -- day is the local calendar day the turn ended on, the key of daily limits and of groupBy day.
        CREATE TABLE turn_stats (
            session_id         TEXT NOT NULL,
            turn_id            TEXT NOT NULL,
            agent_id           TEXT NOT NULL,
            model              TEXT,
            project            TEXT NOT NULL,
            started_ms         INTEGER NOT NULL,
            ended_ms           INTEGER NOT NULL,
            day                TEXT NOT NULL,
            wall_ms            INTEGER NOT NULL,
            busy_ms            INTEGER NOT NULL,
            input_tokens       INTEGER NOT NULL,
            output_tokens      INTEGER NOT NULL,
            cache_read_tokens  INTEGER NOT NULL,
            cache_write_tokens INTEGER NOT NULL,
            cost_nano          INTEGER NOT NULL,
            cost_known         INTEGER NOT NULL,
            stop_reason        TEXT,
            PRIMARY KEY (session_id, turn_id)
        ) WITHOUT ROWID;
        CREATE INDEX turn_stats_ended ON turn_stats(ended_ms);
        CREATE INDEX turn_stats_day_agent ON turn_stats(day, agent_id, cost_nano);

        -- Back-fill: a turn is its prompt event and every usage and status event after it, up to the next prompt;
        -- only turns that ended (a status with a stop reason) count. Busy time is not in the old events: it is the wall time.
        INSERT OR IGNORE INTO turn_stats
            (session_id, turn_id, agent_id, model, project, started_ms, ended_ms, day, wall_ms, busy_ms,
             input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano, cost_known, stop_reason)
        WITH marked AS (
            SELECT session_id, seq, time, kind, json,
                   MAX(CASE WHEN kind = 'prompt' THEN seq END) OVER (PARTITION BY session_id ORDER BY seq ROWS UNBOUNDED PRECEDING) AS turn_seq
            FROM events
            WHERE kind IN ('prompt', 'usage', 'status')
        ),
        turns AS (
            SELECT session_id, turn_seq,
                   MAX(time) AS ended_at,
                   SUM(CASE WHEN kind = 'usage' THEN COALESCE(json_extract(json, '$.usage.inputTokens'), 0) ELSE 0 END) AS input_tokens,
                   SUM(CASE WHEN kind = 'usage' THEN COALESCE(json_extract(json, '$.usage.outputTokens'), 0) ELSE 0 END) AS output_tokens,
                   SUM(CASE WHEN kind = 'usage' THEN COALESCE(json_extract(json, '$.usage.cacheReadTokens'), 0) ELSE 0 END) AS cache_read_tokens,
                   SUM(CASE WHEN kind = 'usage' THEN COALESCE(json_extract(json, '$.usage.cacheWriteTokens'), 0) ELSE 0 END) AS cache_write_tokens,
                   SUM(CASE WHEN kind = 'usage' THEN CAST(ROUND(COALESCE(json_extract(json, '$.usage.costUsd'), 0) * 1000000000.0) AS INTEGER) ELSE 0 END) AS cost_nano,
                   MAX(CASE WHEN kind = 'status' THEN json_extract(json, '$.stopReason') END) AS stop_reason
            FROM marked
            WHERE turn_seq IS NOT NULL
            GROUP BY session_id, turn_seq
        )
        SELECT t.session_id, json_extract(p.json, '$.turnId'), s.agent_id, s.model, s.cwd,
               {START}, {END}, date(t.ended_at, 'localtime'), MAX(0, {END} - {START}), MAX(0, {END} - {START}),
               t.input_tokens, t.output_tokens, t.cache_read_tokens, t.cache_write_tokens, t.cost_nano,
               CASE WHEN t.cost_nano > 0 OR t.input_tokens + t.output_tokens + t.cache_read_tokens + t.cache_write_tokens = 0 THEN 1 ELSE 0 END,
               t.stop_reason
        FROM turns t
        JOIN events p ON p.session_id = t.session_id AND p.seq = t.turn_seq
        JOIN sessions s ON s.id = t.session_id
        WHERE t.stop_reason IS NOT NULL AND json_extract(p.json, '$.turnId') IS NOT NULL;
        """
        .Replace("{START}", Ms("p.time"), StringComparison.Ordinal)
        .Replace("{END}", Ms("t.ended_at"), StringComparison.Ordinal);

    /// <summary>Milliseconds since 1970 from a stored ISO 8601 time, in SQL.</summary>
    private static string Ms(string column) => $"CAST(ROUND((julianday({column}) - 2440587.5) * 86400000.0) AS INTEGER)";
}
