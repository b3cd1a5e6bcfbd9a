namespace Maestro.Server.Stats;

/// <summary>
/// The per-day rollup of turn_stats that answers stats/get over whole days without reading the turns: sums per
/// (day, agent, model, project), and the sessions that had a turn on each day (sessions are counted once per window,
/// so they cannot be summed). Triggers keep both in the same transaction as every turn row written, replaced or
/// deleted, whoever writes it (the recorder, a back-fill, the bench); the migration builds them from the rows there.
/// </summary>
public static class TurnStatsSummarySchema
{
    /// <summary>A turn's sums, as the rollup adds them (NEW) or takes them away (OLD).</summary>
    private const string Columns = "turns, wall_ms, busy_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano, uncounted";

    public static string MigrationSql { get; } = $"""
        -- model is '' for "the agent's default" (NULL in turn_stats): a key column cannot be NULL and still be unique.
        CREATE TABLE turn_stats_daily (
            day                TEXT NOT NULL,
            agent_id           TEXT NOT NULL,
            model              TEXT NOT NULL,
            project            TEXT NOT NULL,
            turns              INTEGER NOT NULL,
            wall_ms            INTEGER NOT NULL,
            busy_ms            INTEGER NOT NULL,
            input_tokens       INTEGER NOT NULL,
            output_tokens      INTEGER NOT NULL,
            cache_read_tokens  INTEGER NOT NULL,
            cache_write_tokens INTEGER NOT NULL,
            cost_nano          INTEGER NOT NULL,
            uncounted          INTEGER NOT NULL,
            PRIMARY KEY (day, agent_id, model, project)
        ) WITHOUT ROWID;

        CREATE TABLE turn_stats_session_days (
            day        TEXT NOT NULL,
            session_id TEXT NOT NULL,
            agent_id   TEXT NOT NULL,
            model      TEXT NOT NULL,
            project    TEXT NOT NULL,
            PRIMARY KEY (day, session_id, agent_id, model, project)
        ) WITHOUT ROWID;
        -- Done Playbook tasks find their session's days through it (stats/get's tasksDone).
        CREATE INDEX turn_stats_session_days_session ON turn_stats_session_days(session_id, day);

        INSERT INTO turn_stats_daily (day, agent_id, model, project, {Columns})
        SELECT day, agent_id, COALESCE(model, ''), project, COUNT(*), SUM(wall_ms), SUM(busy_ms), SUM(input_tokens), SUM(output_tokens),
               SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cost_nano), SUM(1 - cost_known)
        FROM turn_stats GROUP BY 1, 2, 3, 4;

        INSERT INTO turn_stats_session_days (day, session_id, agent_id, model, project)
        SELECT DISTINCT day, session_id, agent_id, COALESCE(model, ''), project FROM turn_stats;

        CREATE TRIGGER turn_stats_summary_insert AFTER INSERT ON turn_stats BEGIN
            {Add("NEW")}
        END;

        CREATE TRIGGER turn_stats_summary_delete AFTER DELETE ON turn_stats BEGIN
            {Remove("OLD")}
        END;

        CREATE TRIGGER turn_stats_summary_update AFTER UPDATE ON turn_stats BEGIN
            {Remove("OLD")}
            {Add("NEW")}
        END;
        """;

    private static string Add(string row) => $"""
        INSERT INTO turn_stats_daily (day, agent_id, model, project, {Columns})
            VALUES ({row}.day, {row}.agent_id, COALESCE({row}.model, ''), {row}.project, 1, {row}.wall_ms, {row}.busy_ms, {row}.input_tokens,
                    {row}.output_tokens, {row}.cache_read_tokens, {row}.cache_write_tokens, {row}.cost_nano, 1 - {row}.cost_known)
            ON CONFLICT (day, agent_id, model, project) DO UPDATE SET
                turns = turns + 1, wall_ms = wall_ms + excluded.wall_ms, busy_ms = busy_ms + excluded.busy_ms,
                input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
                cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
                cost_nano = cost_nano + excluded.cost_nano, uncounted = uncounted + excluded.uncounted;
            INSERT OR IGNORE INTO turn_stats_session_days (day, session_id, agent_id, model, project)
            VALUES ({row}.day, {row}.session_id, {row}.agent_id, COALESCE({row}.model, ''), {row}.project);
        """;

    /// <summary>Takes a turn away; a group left without turns goes, and so does a session's day without turns.</summary>
    private static string Remove(string row) => $"""
        UPDATE turn_stats_daily SET
                turns = turns - 1, wall_ms = wall_ms - {row}.wall_ms, busy_ms = busy_ms - {row}.busy_ms,
                input_tokens = input_tokens - {row}.input_tokens, output_tokens = output_tokens - {row}.output_tokens,
                cache_read_tokens = cache_read_tokens - {row}.cache_read_tokens, cache_write_tokens = cache_write_tokens - {row}.cache_write_tokens,
                cost_nano = cost_nano - {row}.cost_nano, uncounted = uncounted - (1 - {row}.cost_known)
            WHERE day = {row}.day AND agent_id = {row}.agent_id AND model = COALESCE({row}.model, '') AND project = {row}.project;
            DELETE FROM turn_stats_daily
            WHERE day = {row}.day AND agent_id = {row}.agent_id AND model = COALESCE({row}.model, '') AND project = {row}.project AND turns <= 0;
            DELETE FROM turn_stats_session_days
            WHERE day = {row}.day AND session_id = {row}.session_id AND agent_id = {row}.agent_id AND model = COALESCE({row}.model, '') AND project = {row}.project
              AND NOT EXISTS (SELECT 1 FROM turn_stats t WHERE t.session_id = {row}.session_id AND t.day = {row}.day AND t.agent_id = {row}.agent_id
                                AND COALESCE(t.model, '') = COALESCE({row}.model, '') AND t.project = {row}.project);
        """;
}
