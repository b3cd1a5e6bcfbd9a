using Maestro.Protocol;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Stats;

/// <summary>
/// The sums of stats/get: for the whole days of the window from the rollup (turn_stats_daily; the sessions, counted
/// once, by <see cref="SessionCounts"/>), for its partial first and last days (or a window without a whole day) from
/// the turns themselves.
/// </summary>
public static class StatsSums
{
    public static async Task<List<StatsGroup>> SumAsync(SqliteConnection c, StatsWindow window, StatsGroupBy? groupBy, string? agentId, CancellationToken cancellationToken)
    {
        var days = await StatsDays.PlanAsync(c, window, cancellationToken);
        var turnParts = days is null ? [Within(window)] : days.Edges.Select((_, i) => $"ts.ended_ms >= $e{i}s AND ts.ended_ms < $e{i}u").ToList();
        var agent = agentId is null ? string.Empty : " AND {0}.agent_id = $agent";

        var sums = new List<string>();
        if (days is not null)
        {
            sums.Add($"""
                SELECT {Key(groupBy, "d")} AS k, turns, wall_ms, busy_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano, uncounted
                FROM turn_stats_daily d WHERE d.day >= $fromDay AND d.day < $toDay{string.Format(null, agent, "d")}
                """);
        }

        foreach (var part in turnParts)
        {
            sums.Add($"""
                SELECT {Key(groupBy, "ts")} AS k, 1 AS turns, wall_ms, busy_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano, 1 - cost_known AS uncounted
                FROM turn_stats ts WHERE {part}{string.Format(null, agent, "ts")}
                """);
        }

        var groups = new Dictionary<string, StatsTotals>(StringComparer.Ordinal);
        using (var command = Command(c, window, days, agentId))
        {
            command.CommandText = $"""
                SELECT k, SUM(turns), SUM(wall_ms), SUM(busy_ms), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens),
                       SUM(cache_write_tokens), SUM(cost_nano), SUM(uncounted)
                FROM ({string.Join("\nUNION ALL\n", sums)})
                GROUP BY k;
                """;
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                groups[reader.GetString(0)] = new StatsTotals
                {
                    Turns = reader.GetInt64(1),
                    RuntimeMs = reader.GetInt64(2),
                    BusyMs = reader.GetInt64(3),
                    InputTokens = reader.GetInt64(4),
                    OutputTokens = reader.GetInt64(5),
                    CacheReadTokens = reader.GetInt64(6),
                    CacheWriteTokens = reader.GetInt64(7),
                    CostUsd = reader.GetInt64(8) / 1_000_000_000m,
                    UncountedTurns = reader.GetInt64(9),
                };
            }
        }

        foreach (var (k, count) in days is null
                     ? await SessionsOfTurnsAsync(c, window, turnParts[0], groupBy, agentId, agent, cancellationToken)
                     : await SessionCounts.CountAsync(c, days, turnParts, groupBy, agentId, cancellationToken))
        {
            groups[k] = (groups.TryGetValue(k, out var t) ? t : new StatsTotals()) with { Sessions = count };
        }

        // A task is done by the turn of its attempt's session: it counts where (and when) that session had turns.
        // Driven by the done tasks (few), each finding its session's days or turns by the session's index.
        var tasks = new List<string>();
        if (days is not null)
        {
            tasks.Add($"""
                SELECT {Key(groupBy, "sd")} AS k, rt.run_id || '/' || rt.seq AS task FROM run_tasks rt
                JOIN turn_stats_session_days sd ON sd.session_id = rt.session_id
                WHERE rt.status = 'Done' AND sd.day >= $fromDay AND sd.day < $toDay{string.Format(null, agent, "sd")}
                """);
        }

        foreach (var part in turnParts)
        {
            tasks.Add($"""
                SELECT {Key(groupBy, "ts")} AS k, rt.run_id || '/' || rt.seq AS task FROM run_tasks rt
                JOIN turn_stats ts ON ts.session_id = rt.session_id
                WHERE rt.status = 'Done' AND {part}{string.Format(null, agent, "ts")}
                """);
        }

        using (var command = Command(c, window, days, agentId))
        {
            command.CommandText = $"SELECT k, COUNT(DISTINCT task) FROM ({string.Join("\nUNION ALL\n", tasks)}) GROUP BY k;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var k = reader.GetString(0);
                groups[k] = (groups.TryGetValue(k, out var t) ? t : new StatsTotals()) with { TasksDone = reader.GetInt64(1) };
            }
        }

        if (groupBy is null && groups.Count == 0)
        {
            groups[string.Empty] = new StatsTotals();
        }

        return groups.Select(g => new StatsGroup { Key = g.Key, Totals = g.Value }).ToList();
    }

    /// <summary>The sessions of a window without a whole day, counted once per group from its turns.</summary>
    private static async Task<Dictionary<string, long>> SessionsOfTurnsAsync(SqliteConnection c, StatsWindow window, string part, StatsGroupBy? groupBy, string? agentId, string agent, CancellationToken cancellationToken)
    {
        using var command = Command(c, window, null, agentId);
        command.CommandText = $"SELECT {Key(groupBy, "ts")}, COUNT(DISTINCT ts.session_id) FROM turn_stats ts WHERE {part}{string.Format(null, agent, "ts")} GROUP BY 1;";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static SqliteCommand Command(SqliteConnection c, StatsWindow window, StatsDays? days, string? agentId)
    {
        var command = c.CreateCommand();
        command.Parameters.AddWithValue("$since", window.SinceMs);
        command.Parameters.AddWithValue("$until", window.UntilMs);
        command.Parameters.AddWithValue("$agent", (object?)agentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$fromDay", (object?)days?.FromDay ?? DBNull.Value);
        command.Parameters.AddWithValue("$toDay", (object?)days?.ToDay ?? DBNull.Value);
        for (var i = 0; i < (days?.Edges.Count ?? 0); i++)
        {
            command.Parameters.AddWithValue($"$e{i}s", days!.Edges[i].SinceMs);
            command.Parameters.AddWithValue($"$e{i}u", days.Edges[i].UntilMs);
        }

        return command;
    }

    /// <summary>
    /// A window without a whole day, read from the turns. A wide one scans the table instead of the ended_ms index:
    /// walking the index and fetching each row by its key costs more than reading the rows in order (+ hides the index).
    /// </summary>
    private static string Within(StatsWindow window)
        => window.SinceMs == long.MinValue && window.UntilMs == long.MaxValue ? "1"
            : window.UntilMs - window.SinceMs > TimeSpan.FromDays(7).TotalMilliseconds ? "+ts.ended_ms >= $since AND +ts.ended_ms < $until"
            : "ts.ended_ms >= $since AND ts.ended_ms < $until";

    /// <summary>The group key in a table aliased <paramref name="t"/>; the rollup keeps the default model as ''.</summary>
    private static string Key(StatsGroupBy? groupBy, string t) => groupBy switch
    {
        null => "''",
        StatsGroupBy.Day => $"{t}.day",
        StatsGroupBy.Agent => $"{t}.agent_id",
        StatsGroupBy.Model => t == "ts" ? "COALESCE(ts.model, 'default')" : $"CASE {t}.model WHEN '' THEN 'default' ELSE {t}.model END",
        StatsGroupBy.Project => $"{t}.project",
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy)),
    };
}
