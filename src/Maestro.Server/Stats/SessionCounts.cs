using Maestro.Protocol;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Stats;

/// <summary>
/// The sessions of stats/get, each counted once per group, without a COUNT(DISTINCT) over every session day of the
/// window (see <see cref="SessionSpansSchema"/>): the sessions that started in the window's whole days (summed
/// counters), those that started before it and were active in its whole days (found by their span's last day), and
/// those seen only in its partial first and last days (from the turns).
/// </summary>
public static class SessionCounts
{
    private const string Scoped = "*";

    public static async Task<Dictionary<string, long>> CountAsync(SqliteConnection c, StatsDays days, IReadOnlyList<string> edgeParts, StatsGroupBy? groupBy, string? agentId, CancellationToken cancellationToken)
    {
        var (dimension, scope, key) = SpansOf(groupBy, agentId);
        var k = GroupKey(groupBy);
        var keyFilter = key is null ? string.Empty : " AND key = $key";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);

        // Sessions that started in the whole days.
        await AddAsync($"""
            SELECT {k}, SUM(sessions) FROM turn_stats_session_starts
            WHERE dimension = $dimension AND scope = $scope AND day >= $fromDay AND day < $toDay{keyFilter}
            GROUP BY 1;
            """);

        // Sessions that started before the whole days and had a turn in them: a span that ends inside them did; one
        // that ends after them is asked of its session's days. An open start has none; a day is its own span.
        if (days.FromDay != StatsDays.Open && dimension != "day")
        {
            await AddAsync($"""
                SELECT {k}, COUNT(*) FROM turn_stats_session_spans s
                WHERE dimension = $dimension AND scope = $scope AND last_day >= $fromDay AND first_day < $fromDay{keyFilter}
                  AND (last_day < $toDay OR EXISTS (
                        SELECT 1 FROM turn_stats_session_days sd
                        WHERE sd.session_id = s.session_id AND sd.day >= $fromDay AND sd.day < $toDay
                          AND {Column(dimension, "sd")} = s.key{(scope == Scoped ? string.Empty : " AND sd.agent_id = s.scope")}))
                GROUP BY 1;
                """);
        }

        // Sessions seen only in the partial days around them.
        if (edgeParts.Count > 0)
        {
            var agent = agentId is null ? string.Empty : " AND ts.agent_id = $agent";
            await AddAsync($"""
                SELECT {k}, COUNT(*) FROM (
                    SELECT DISTINCT {Column(dimension, "ts")} AS key, ts.session_id FROM turn_stats ts
                    WHERE ({string.Join(" OR ", edgeParts)}){agent}) e
                WHERE NOT EXISTS (
                    SELECT 1 FROM turn_stats_session_days sd
                    WHERE sd.session_id = e.session_id AND sd.day >= $fromDay AND sd.day < $toDay
                      AND {Column(dimension, "sd")} = e.key{(agentId is null ? string.Empty : " AND sd.agent_id = $agent")})
                GROUP BY 1;
                """);
        }

        return counts;

        async Task AddAsync(string sql)
        {
            using var command = c.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$dimension", dimension);
            command.Parameters.AddWithValue("$scope", scope);
            command.Parameters.AddWithValue("$key", (object?)key ?? DBNull.Value);
            command.Parameters.AddWithValue("$agent", (object?)agentId ?? DBNull.Value);
            command.Parameters.AddWithValue("$fromDay", days.FromDay);
            command.Parameters.AddWithValue("$toDay", days.ToDay);
            for (var i = 0; i < days.Edges.Count; i++)
            {
                command.Parameters.AddWithValue($"$e{i}s", days.Edges[i].SinceMs);
                command.Parameters.AddWithValue($"$e{i}u", days.Edges[i].UntilMs);
            }

            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var group = reader.GetString(0);
                counts[group] = counts.GetValueOrDefault(group) + reader.GetInt64(1);
            }
        }
    }

    /// <summary>
    /// The spans a query counts: every session (or one agent's, as its 'agent' spans) for totals, the agent's spans
    /// for groupBy agent, and the group's spans of every agent or of the one asked for.
    /// </summary>
    private static (string Dimension, string Scope, string? Key) SpansOf(StatsGroupBy? groupBy, string? agentId) => groupBy switch
    {
        null => agentId is null ? (string.Empty, Scoped, null) : ("agent", Scoped, agentId),
        StatsGroupBy.Agent => ("agent", Scoped, agentId),
        StatsGroupBy.Model => ("model", agentId ?? Scoped, null),
        StatsGroupBy.Project => ("project", agentId ?? Scoped, null),
        StatsGroupBy.Day => ("day", agentId ?? Scoped, null),
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy)),
    };

    /// <summary>The group a span's key names, as stats/get answers it (the default model is 'default').</summary>
    private static string GroupKey(StatsGroupBy? groupBy) => groupBy switch
    {
        null => "''",
        StatsGroupBy.Model => "CASE key WHEN '' THEN 'default' ELSE key END",
        _ => "key",
    };

    /// <summary>A span's key in a row of turn_stats (ts) or turn_stats_session_days (sd, where the default model is '').</summary>
    private static string Column(string dimension, string t) => dimension switch
    {
        "" => "''",
        "agent" => $"{t}.agent_id",
        "model" => t == "ts" ? "COALESCE(ts.model, '')" : $"{t}.model",
        "project" => $"{t}.project",
        _ => $"{t}.day",
    };
}
