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
        new(5, "review attribution", """
            -- Each turn's working state at its start and end, as git tree ids (written into a private index, never
            -- the user's): what differs between the two is what the turn changed.
            CREATE TABLE turn_baselines (
                session_id TEXT NOT NULL,
                turn_id    TEXT NOT NULL,
                root       TEXT NOT NULL,
                folder     TEXT NOT NULL,
                start_tree TEXT NOT NULL,
                end_tree   TEXT,
                started_at TEXT NOT NULL,
                ended_at   TEXT,
                PRIMARY KEY (session_id, turn_id)
            ) WITHOUT ROWID;

            -- Per file a turn changed: the baseline (before the turn, moved forward by accepts) and the agent's
            -- version (after the turn, moved back by rejects), as blob ids in the repository; NULL = no file. The
            -- pending agent hunks are the difference of the two; the user's own edits are never in it.
            CREATE TABLE agent_changes (
                session_id    TEXT NOT NULL,
                turn_id       TEXT NOT NULL,
                root          TEXT NOT NULL,
                path          TEXT NOT NULL,
                baseline_blob TEXT,
                agent_blob    TEXT,
                updated_at    TEXT NOT NULL,
                PRIMARY KEY (session_id, turn_id, path)
            ) WITHOUT ROWID;
            CREATE INDEX agent_changes_root ON agent_changes(root);

            -- Every accept and reject, with what it changed, so each can be undone.
            CREATE TABLE review_decisions (
                id         TEXT PRIMARY KEY,
                root       TEXT NOT NULL,
                kind       TEXT NOT NULL,
                created_at TEXT NOT NULL,
                undone_at  TEXT
            );
            CREATE TABLE review_decision_files (
                decision_id     TEXT NOT NULL REFERENCES review_decisions(id) ON DELETE CASCADE,
                ordinal         INTEGER NOT NULL,
                session_id      TEXT NOT NULL,
                turn_id         TEXT NOT NULL,
                path            TEXT NOT NULL,
                baseline_before TEXT,
                baseline_after  TEXT,
                agent_before    TEXT,
                agent_after     TEXT,
                work_touched    INTEGER NOT NULL,
                work_before     TEXT,
                work_after      TEXT,
                trash_path      TEXT,
                PRIMARY KEY (decision_id, ordinal)
            ) WITHOUT ROWID;
            """),
        new(6, "turn stats, back-filled from stored sessions", Stats.TurnStatsSchema.MigrationSql),
        new(7, "group chat rooms, participants and messages", """
            -- A room and its routing settings; turn_state is what the room was doing, so a daemon that starts after a
            -- crash can mark the interrupted turn in the room instead of leaving it 'working'.
            CREATE TABLE chat_rooms (
                id                TEXT PRIMARY KEY,
                name              TEXT NOT NULL,
                cwd               TEXT NOT NULL,
                moderator_agent   TEXT,
                moderator_session TEXT,
                max_rounds        INTEGER NOT NULL,
                parallel          INTEGER NOT NULL,
                closed            INTEGER NOT NULL DEFAULT 0,
                turn_state        TEXT NOT NULL DEFAULT 'idle',
                last_addressed    TEXT,
                created_at        TEXT NOT NULL,
                updated_at        TEXT NOT NULL
            );

            -- Every participant a room ever had; a removed one keeps its row (removed_at) so its turns stay explained.
            -- seen_seq is the last room message its prompt carried: the next turn carries what came after.
            CREATE TABLE chat_participants (
                room_id    TEXT NOT NULL REFERENCES chat_rooms(id) ON DELETE CASCADE,
                alias      TEXT NOT NULL,
                ordinal    INTEGER NOT NULL,
                agent_id   TEXT NOT NULL,
                session_id TEXT NOT NULL,
                worktree   TEXT,
                seen_seq   INTEGER NOT NULL DEFAULT 0,
                removed_at TEXT,
                PRIMARY KEY (room_id, alias)
            ) WITHOUT ROWID;

            -- One row per message; (room_id, seq) is the key, so history pages are range scans.
            CREATE TABLE chat_messages (
                room_id       TEXT NOT NULL REFERENCES chat_rooms(id) ON DELETE CASCADE,
                seq           INTEGER NOT NULL,
                id            TEXT NOT NULL,
                author        TEXT NOT NULL,
                text          TEXT NOT NULL,
                html          TEXT NOT NULL,
                mentions_json TEXT NOT NULL,
                time          TEXT NOT NULL,
                PRIMARY KEY (room_id, seq)
            ) WITHOUT ROWID;
            """),
        new(8, "per-day stats rollup, kept by triggers on turn_stats", Stats.TurnStatsSummarySchema.MigrationSql),
        new(9, "outages, back-filled from stored outage events", Stats.Outages.OutageStatsSchema.MigrationSql),
        new(13, "session spans and starts, so stats/get counts sessions over long windows without a distinct", Stats.SessionSpansSchema.MigrationSql),
        new(14, "sessions can be archived", "ALTER TABLE sessions ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;"),
        new(15, "ssh hosts", """
            -- Machines reached over SSH (docs/hosts.md): what the user typed, never a key or a password.
            CREATE TABLE hosts (
                name         TEXT PRIMARY KEY COLLATE NOCASE,
                destination  TEXT NOT NULL,
                options_json TEXT NOT NULL,
                env_json     TEXT NOT NULL,
                folder       TEXT,
                created_at   TEXT NOT NULL
            ) WITHOUT ROWID;
            """),
        new(16, "host sessions", """
            -- The last known state of each host's sessions (docs/hosts.md), so that after a restart of this daemon they
            -- are listed, offline, before the host's connection is up. The host keeps the sessions themselves.
            CREATE TABLE host_sessions (
                host         TEXT NOT NULL COLLATE NOCASE,
                id           TEXT NOT NULL,
                session_json TEXT NOT NULL,
                PRIMARY KEY (host, id)
            ) WITHOUT ROWID;
            """),
        new(17, "chat participants on hosts", """
            -- A room of this machine may have participants whose sessions run on a host (docs/chat.md): which one.
            ALTER TABLE chat_participants ADD COLUMN host TEXT;
            """),
    ];
}
