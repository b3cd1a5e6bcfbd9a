namespace Maestro.Server.Stats.Outages;

/// <summary>
/// The outages table: one row per provider outage once it closed, recovered or stopped (docs/resilience.md), and its
/// back-fill from the outage events stored before it existed (an outage event is stored once, in its last version).
/// </summary>
public static class OutageStatsSchema
{
    public static string MigrationSql { get; } = """
        -- One row per closed outage. day is the local calendar day it closed on (as turn_stats.day); downtime_ms is
        -- from its first failure to its close; failed_over is 1 when its turn went to the agent's failover backup.
        CREATE TABLE outages (
            outage_id   TEXT PRIMARY KEY,
            session_id  TEXT NOT NULL,
            turn_id     TEXT NOT NULL,
            agent_id    TEXT NOT NULL,
            class       TEXT NOT NULL,
            state       TEXT NOT NULL,
            attempts    INTEGER NOT NULL,
            since_ms    INTEGER NOT NULL,
            ended_ms    INTEGER NOT NULL,
            day         TEXT NOT NULL,
            downtime_ms INTEGER NOT NULL,
            failed_over INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX outages_ended ON outages(ended_ms);

        -- Back-fill: closed outage events. Those stored before endedAt existed end at their stored event's time
        -- (the time of its last revision).
        INSERT OR IGNORE INTO outages
            (outage_id, session_id, turn_id, agent_id, class, state, attempts, since_ms, ended_ms, day, downtime_ms, failed_over)
        SELECT json_extract(e.json, '$.outageId'), e.session_id, json_extract(e.json, '$.turnId'), s.agent_id,
               json_extract(e.json, '$.class'), json_extract(e.json, '$.state'), json_extract(e.json, '$.attempts'),
               {SINCE}, {END}, date(COALESCE(json_extract(e.json, '$.endedAt'), e.time), 'localtime'), MAX(0, {END} - {SINCE}),
               CASE WHEN json_extract(e.json, '$.failedOverTo') IS NULL THEN 0 ELSE 1 END
        FROM events e
        JOIN sessions s ON s.id = e.session_id
        WHERE e.kind = 'outage' AND json_extract(e.json, '$.state') IN ('recovered', 'stopped')
          AND json_extract(e.json, '$.outageId') IS NOT NULL;
        """
        .Replace("{SINCE}", Ms("json_extract(e.json, '$.since')"), StringComparison.Ordinal)
        .Replace("{END}", Ms("COALESCE(json_extract(e.json, '$.endedAt'), e.time)"), StringComparison.Ordinal);

    /// <summary>Milliseconds since 1970 from a stored ISO 8601 time, in SQL.</summary>
    private static string Ms(string column) => $"CAST(ROUND((julianday({column}) - 2440587.5) * 86400000.0) AS INTEGER)";
}
