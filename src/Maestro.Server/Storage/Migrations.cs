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
    ];
}
