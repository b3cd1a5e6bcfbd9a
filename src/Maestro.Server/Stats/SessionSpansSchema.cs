namespace Maestro.Server.Stats;

/// <summary>
/// What lets stats/get count sessions over a long window without a COUNT(DISTINCT) over every session's days (the
/// slow part of an open window over a million turns). A session counts once per group, so its counts cannot be summed
/// per day; instead each session is counted on the first day it had a turn in its group (turn_stats_session_starts,
/// summable), and a window adds the sessions that started before it and were active in it (few: they are found through
/// the last day of their span, turn_stats_session_spans).
/// <para>
/// A span is one session in one group: <c>dimension</c> is '' (every session), 'agent', 'model', 'project' or 'day',
/// <c>key</c> the group's value ('' for the default model), <c>scope</c> '*' for every agent or one agent's id (a
/// window filtered to one agent and grouped by model, project or day). Triggers keep both tables in the same
/// transaction as every turn row written, replaced or deleted; a replaced or deleted turn rebuilds its session's spans.
/// </para>
/// </summary>
public static class SessionSpansSchema
{
    /// <summary>The kinds of span every turn makes: dimension, key and scope, from a turn_stats row aliased t.</summary>
    private static readonly string[] Kinds =
    [
        "'', '', '*'",
        "'agent', t.agent_id, '*'",
        "'model', COALESCE(t.model, ''), '*'",
        "'project', t.project, '*'",
        "'day', t.day, '*'",
        "'model', COALESCE(t.model, ''), t.agent_id",
        "'project', t.project, t.agent_id",
        "'day', t.day, t.agent_id",
    ];

    /// <summary>Every span a set of turn_stats rows (aliased t) makes, as one SELECT per kind of span.</summary>
    private static string Spans(string where) => string.Join("\nUNION ALL\n", Kinds.Select(kind => $"SELECT {kind}, t.session_id, MIN(t.day), MAX(t.day) FROM turn_stats t WHERE {where} GROUP BY 1, 2, 3, 4"));

    public static string MigrationSql { get; } = $"""
        CREATE TABLE turn_stats_session_spans (
            dimension  TEXT NOT NULL,
            key        TEXT NOT NULL,
            scope      TEXT NOT NULL,
            session_id TEXT NOT NULL,
            first_day  TEXT NOT NULL,
            last_day   TEXT NOT NULL,
            PRIMARY KEY (dimension, key, scope, session_id)
        ) WITHOUT ROWID;
        CREATE INDEX turn_stats_session_spans_session ON turn_stats_session_spans(session_id);
        -- The sessions that started before a window and may be active in it: their span ends in or after it.
        CREATE INDEX turn_stats_session_spans_last ON turn_stats_session_spans(dimension, scope, last_day, first_day);

        CREATE TABLE turn_stats_session_starts (
            dimension TEXT NOT NULL,
            scope     TEXT NOT NULL,
            day       TEXT NOT NULL,
            key       TEXT NOT NULL,
            sessions  INTEGER NOT NULL,
            PRIMARY KEY (dimension, scope, day, key)
        ) WITHOUT ROWID;

        INSERT INTO turn_stats_session_spans (dimension, key, scope, session_id, first_day, last_day)
        {Spans("1")};

        INSERT INTO turn_stats_session_starts (dimension, scope, day, key, sessions)
        SELECT dimension, scope, first_day, key, COUNT(*) FROM turn_stats_session_spans GROUP BY 1, 2, 3, 4;

        -- The counters follow the spans: a new span starts on its first day; a span that reaches back moves its start.
        CREATE TRIGGER turn_stats_session_spans_insert AFTER INSERT ON turn_stats_session_spans BEGIN
            {Start("NEW", "+ 1")}
        END;

        CREATE TRIGGER turn_stats_session_spans_delete AFTER DELETE ON turn_stats_session_spans BEGIN
            {Start("OLD", "- 1")}
            DELETE FROM turn_stats_session_starts
            WHERE dimension = OLD.dimension AND scope = OLD.scope AND day = OLD.first_day AND key = OLD.key AND sessions <= 0;
        END;

        CREATE TRIGGER turn_stats_session_spans_move AFTER UPDATE OF first_day ON turn_stats_session_spans
        WHEN OLD.first_day <> NEW.first_day BEGIN
            {Start("OLD", "- 1")}
            DELETE FROM turn_stats_session_starts
            WHERE dimension = OLD.dimension AND scope = OLD.scope AND day = OLD.first_day AND key = OLD.key AND sessions <= 0;
            {Start("NEW", "+ 1")}
        END;

        -- A new turn widens its session's spans (most turns change nothing: the WHERE keeps those from writing).
        CREATE TRIGGER turn_stats_session_spans_turn_insert AFTER INSERT ON turn_stats BEGIN
            INSERT INTO turn_stats_session_spans (dimension, key, scope, session_id, first_day, last_day)
            VALUES ('', '', '*', NEW.session_id, NEW.day, NEW.day),
                   ('agent', NEW.agent_id, '*', NEW.session_id, NEW.day, NEW.day),
                   ('model', COALESCE(NEW.model, ''), '*', NEW.session_id, NEW.day, NEW.day),
                   ('project', NEW.project, '*', NEW.session_id, NEW.day, NEW.day),
                   ('day', NEW.day, '*', NEW.session_id, NEW.day, NEW.day),
                   ('model', COALESCE(NEW.model, ''), NEW.agent_id, NEW.session_id, NEW.day, NEW.day),
                   ('project', NEW.project, NEW.agent_id, NEW.session_id, NEW.day, NEW.day),
                   ('day', NEW.day, NEW.agent_id, NEW.session_id, NEW.day, NEW.day)
            ON CONFLICT (dimension, key, scope, session_id) DO UPDATE SET
                first_day = MIN(first_day, excluded.first_day), last_day = MAX(last_day, excluded.last_day)
            WHERE excluded.first_day < first_day OR excluded.last_day > last_day;
        END;

        -- A deleted or replaced turn (rare: a turn recorded again) rebuilds its session's spans from its turns.
        CREATE TRIGGER turn_stats_session_spans_turn_delete AFTER DELETE ON turn_stats BEGIN
            DELETE FROM turn_stats_session_spans WHERE session_id = OLD.session_id;
            INSERT INTO turn_stats_session_spans (dimension, key, scope, session_id, first_day, last_day)
            {Spans("t.session_id = OLD.session_id")};
        END;

        CREATE TRIGGER turn_stats_session_spans_turn_update AFTER UPDATE ON turn_stats BEGIN
            DELETE FROM turn_stats_session_spans WHERE session_id IN (OLD.session_id, NEW.session_id);
            INSERT INTO turn_stats_session_spans (dimension, key, scope, session_id, first_day, last_day)
            {Spans("t.session_id IN (OLD.session_id, NEW.session_id)")};
        END;
        """;

    private static string Start(string row, string change) => $"""
        INSERT INTO turn_stats_session_starts (dimension, scope, day, key, sessions)
            VALUES ({row}.dimension, {row}.scope, {row}.first_day, {row}.key, 0 {change})
            ON CONFLICT (dimension, scope, day, key) DO UPDATE SET sessions = sessions {change};
        """;
}
