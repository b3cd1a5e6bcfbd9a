namespace Maestro.Server.Storage;

/// <summary>
/// The schema's history. Append only: a released migration is never edited, a change is a new one.
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "sessions and events", """
            CREATE TABLE sessions (
                id               TEXT PRIMARY KEY,
                name             TEXT NOT NULL,
                agent_id         TEXT NOT NULL,
                cwd              TEXT NOT NULL,
                worktree         TEXT,
                branch           TEXT,
                status           TEXT NOT NULL,
                agent_session_id TEXT,
                model            TEXT,
                permission_mode  TEXT NOT NULL,
                last_seq         INTEGER NOT NULL DEFAULT 0,
                usage_json       TEXT NOT NULL DEFAULT '{}',
                created_at       TEXT NOT NULL,
                updated_at       TEXT NOT NULL
            );
            CREATE INDEX sessions_cwd ON sessions(cwd);
            CREATE INDEX sessions_status ON sessions(status);

            -- One row per normalized event; (session_id, seq) is the key, so history pages are range scans.
            CREATE TABLE events (
                session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                seq        INTEGER NOT NULL,
                time       TEXT NOT NULL,
                kind       TEXT NOT NULL,
                json       TEXT NOT NULL,
                PRIMARY KEY (session_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE settings (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            """),
        new(2, "playbook runs and their tasks", """
            -- A run's state beside the documents it works through: the documents say which tasks are done,
            -- this says which loop the run is in, what it spent, and which attempts it made.
            CREATE TABLE runs (
                id            TEXT PRIMARY KEY,
                playbook      TEXT NOT NULL,
                agent_id      TEXT NOT NULL,
                origin        TEXT NOT NULL,
                status        TEXT NOT NULL,
                outcome       TEXT,
                reason        TEXT,
                cwd           TEXT NOT NULL,
                worktree      TEXT,
                branch        TEXT,
                settings_json TEXT NOT NULL,
                loop          INTEGER NOT NULL,
                reset_pending INTEGER NOT NULL DEFAULT 0,
                total         INTEGER NOT NULL,
                done          INTEGER NOT NULL,
                failed        INTEGER NOT NULL,
                tasks_run     INTEGER NOT NULL,
                current_json  TEXT,
                usage_json    TEXT NOT NULL,
                started_at    TEXT NOT NULL,
                ended_at      TEXT,
                updated_at    TEXT NOT NULL
            );
            CREATE INDEX runs_status ON runs(status);

            -- One row per attempt at a task, in order; the session keeps the agent's whole transcript.
            CREATE TABLE run_tasks (
                run_id     TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                seq        INTEGER NOT NULL,
                loop       INTEGER NOT NULL,
                document   TEXT NOT NULL,
                ordinal    INTEGER NOT NULL,
                line       INTEGER NOT NULL,
                text       TEXT NOT NULL,
                attempt    INTEGER NOT NULL,
                session_id TEXT,
                status     TEXT NOT NULL,
                message    TEXT,
                usage_json TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at   TEXT,
                PRIMARY KEY (run_id, seq)
            ) WITHOUT ROWID;
            """),
        new(3, "agent process groups", """
            -- Each running agent's process group, so a daemon started after a crash can stop the agents the dead one
            -- left behind before it recovers their sessions. A row lives as long as its agent.
            CREATE TABLE agent_processes (
                boot_id          TEXT NOT NULL,
                pid              INTEGER NOT NULL,
                start_time       INTEGER NOT NULL,
                pgid             INTEGER NOT NULL,
                sid              INTEGER NOT NULL,
                session_id       TEXT,
                owner_pid        INTEGER NOT NULL,
                owner_start_time INTEGER NOT NULL,
                started_at       TEXT NOT NULL,
                PRIMARY KEY (boot_id, pid, start_time)
            ) WITHOUT ROWID;
            """),
        new(4, "agent cost totals", """
            -- The running cost total an agent last reported for one of its conversations (Claude Code's
            -- total_cost_usd covers the whole conversation on --resume): a turn costs the difference.
            CREATE TABLE agent_cost_totals (
                agent_session_id TEXT PRIMARY KEY,
                total_usd        TEXT NOT NULL,
                updated_at       TEXT NOT NULL
            ) WITHOUT ROWID;
            """),
    ];
}
