using System.Collections.Concurrent;
using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Stats;

/// <summary>turn_stats in SQLite: written through the database's single writer, summed by SQL on read.</summary>
public sealed class StatsStore
{
    private const string Sums = """
        COUNT(DISTINCT session_id), COUNT(*), COALESCE(SUM(wall_ms), 0), COALESCE(SUM(busy_ms), 0),
        COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cache_read_tokens), 0),
        COALESCE(SUM(cache_write_tokens), 0), COALESCE(SUM(cost_nano), 0), COALESCE(SUM(1 - cost_known), 0)
        """;

    private readonly MaestroDatabase database;
    private readonly ConcurrentDictionary<Task, byte> pending = new();

    public StatsStore(MaestroDatabase database)
    {
        this.database = database;
    }

    /// <summary>Stores an ended turn with its session's agent, model and folder; returns the agent's id (null when the session is gone).</summary>
    public async Task<string?> RecordAsync(TurnStatsRow row, CancellationToken cancellationToken)
    {
        var write = database.WriteAsync(
            async (c, t) =>
            {
                using var command = c.CreateCommand();
                command.Transaction = t;
                command.CommandText = """
                    INSERT OR REPLACE INTO turn_stats
                        (session_id, turn_id, agent_id, model, project, started_ms, ended_ms, day, wall_ms, busy_ms,
                         input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano, cost_known, stop_reason)
                    SELECT id, $turn, agent_id, model, cwd, $started, $ended, date($endedText, 'localtime'), $wall, $busy,
                           $input, $output, $cacheRead, $cacheWrite, $cost, $known, $stop
                    FROM sessions WHERE id = $session
                    RETURNING agent_id;
                    """;
                var wall = Math.Max(0, row.EndedAt.ToUnixTimeMilliseconds() - row.StartedAt.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$session", row.SessionId);
                command.Parameters.AddWithValue("$turn", row.TurnId);
                command.Parameters.AddWithValue("$started", row.StartedAt.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$ended", row.EndedAt.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$endedText", row.EndedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$wall", wall);
                command.Parameters.AddWithValue("$busy", Math.Min(wall, row.BusyMs));
                command.Parameters.AddWithValue("$input", row.Usage.InputTokens);
                command.Parameters.AddWithValue("$output", row.Usage.OutputTokens);
                command.Parameters.AddWithValue("$cacheRead", row.Usage.CacheReadTokens);
                command.Parameters.AddWithValue("$cacheWrite", row.Usage.CacheWriteTokens);
                command.Parameters.AddWithValue("$cost", row.CostNano);
                command.Parameters.AddWithValue("$known", row.CostKnown ? 1 : 0);
                command.Parameters.AddWithValue("$stop", row.StopReason is { } stop ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(stop.ToString()) : DBNull.Value);
                return await command.ExecuteScalarAsync(cancellationToken) as string;
            },
            cancellationToken);
        pending[write] = 0;
        try
        {
            return await write;
        }
        finally
        {
            pending.TryRemove(write, out _);
        }
    }

    /// <summary>Completes once every turn queued so far is stored (or failed): a limit check must see the turn that just ended.</summary>
    public async Task SettledAsync()
    {
        foreach (var write in pending.Keys.ToList())
        {
            try
            {
                await write;
            }
            catch (Exception)
            {
                // the recorder logs it
            }
        }
    }

    /// <summary>Totals over the window (of one agent, or all), and per group when asked.</summary>
    public Task<StatsResult> GetAsync(StatsWindow window, StatsGroupBy? groupBy, string? agentId, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            var totals = (await SumAsync(c, window, null, agentId, cancellationToken)).Single().Totals;
            var groups = groupBy is null ? [] : await SumAsync(c, window, groupBy, agentId, cancellationToken);
            var ordered = groupBy == StatsGroupBy.Day
                ? groups.OrderBy(g => g.Key, StringComparer.Ordinal).ToList()
                : groups.OrderByDescending(g => g.Totals.CostUsd).ThenByDescending(g => g.Totals.InputTokens + g.Totals.OutputTokens).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            return new StatsResult { Totals = totals, GroupBy = groupBy, Groups = ordered };
        },
        cancellationToken);

    /// <summary>Money spent (in billionths of a USD) on turns that ended on or after the local day <paramref name="fromDay"/>, by one agent or all.</summary>
    public Task<long> SpentNanoAsync(string fromDay, string? agentId, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = agentId is null
                ? "SELECT COALESCE(SUM(cost_nano), 0) FROM turn_stats WHERE day >= $day;"
                : "SELECT COALESCE(SUM(cost_nano), 0) FROM turn_stats WHERE day >= $day AND agent_id = $agent;";
            command.Parameters.AddWithValue("$day", fromDay);
            if (agentId is not null)
            {
                command.Parameters.AddWithValue("$agent", agentId);
            }

            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        },
        cancellationToken);

    /// <summary>The local day and the first day of the local month, as SQLite sees them (the same clock as turn_stats.day).</summary>
    public Task<(string Today, string MonthStart)> LocalPeriodsAsync(CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT date('now', 'localtime'), date('now', 'localtime', 'start of month');";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetString(0), reader.GetString(1));
        },
        cancellationToken);

    /// <summary>Every turn of the window in the order they ended, for the CSV export.</summary>
    public Task<IReadOnlyList<StatsExportRow>> ExportAsync(StatsWindow window, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                SELECT ts.session_id, ts.turn_id, ts.agent_id, ts.model, ts.project, rt.run_id, ts.started_ms, ts.ended_ms, ts.day,
                       ts.wall_ms, ts.busy_ms, ts.input_tokens, ts.output_tokens, ts.cache_read_tokens, ts.cache_write_tokens,
                       ts.cost_nano, ts.cost_known, ts.stop_reason
                FROM turn_stats ts
                LEFT JOIN (SELECT DISTINCT session_id, run_id FROM run_tasks WHERE session_id IS NOT NULL) rt ON rt.session_id = ts.session_id
                WHERE ts.ended_ms >= $since AND ts.ended_ms < $until
                ORDER BY ts.ended_ms, ts.session_id, ts.turn_id;
                """;
            command.Parameters.AddWithValue("$since", window.SinceMs);
            command.Parameters.AddWithValue("$until", window.UntilMs);
            var rows = new List<StatsExportRow>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StatsExportRow
                {
                    SessionId = reader.GetString(0),
                    TurnId = reader.GetString(1),
                    AgentId = reader.GetString(2),
                    Model = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Project = reader.GetString(4),
                    RunId = reader.IsDBNull(5) ? null : reader.GetString(5),
                    StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                    EndedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                    Day = reader.GetString(8),
                    WallMs = reader.GetInt64(9),
                    BusyMs = reader.GetInt64(10),
                    InputTokens = reader.GetInt64(11),
                    OutputTokens = reader.GetInt64(12),
                    CacheReadTokens = reader.GetInt64(13),
                    CacheWriteTokens = reader.GetInt64(14),
                    CostUsd = reader.GetInt64(15) / 1_000_000_000m,
                    CostKnown = reader.GetInt64(16) != 0,
                    StopReason = reader.IsDBNull(17) ? null : reader.GetString(17),
                });
            }

            return (IReadOnlyList<StatsExportRow>)rows;
        },
        cancellationToken);

    private static async Task<List<StatsGroup>> SumAsync(SqliteConnection c, StatsWindow window, StatsGroupBy? groupBy, string? agentId, CancellationToken cancellationToken)
    {
        var key = KeyColumn(groupBy);
        var agent = agentId is null ? string.Empty : " AND ts.agent_id = $agent";
        var groups = new Dictionary<string, StatsTotals>(StringComparer.Ordinal);
        using (var command = c.CreateCommand())
        {
            command.CommandText = $"SELECT {key}, {Sums} FROM turn_stats ts WHERE {Within(window)}{agent} GROUP BY 1;";
            command.Parameters.AddWithValue("$since", window.SinceMs);
            command.Parameters.AddWithValue("$until", window.UntilMs);
            command.Parameters.AddWithValue("$agent", (object?)agentId ?? DBNull.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                groups[reader.GetString(0)] = new StatsTotals
                {
                    Sessions = reader.GetInt64(1),
                    Turns = reader.GetInt64(2),
                    RuntimeMs = reader.GetInt64(3),
                    BusyMs = reader.GetInt64(4),
                    InputTokens = reader.GetInt64(5),
                    OutputTokens = reader.GetInt64(6),
                    CacheReadTokens = reader.GetInt64(7),
                    CacheWriteTokens = reader.GetInt64(8),
                    CostUsd = reader.GetInt64(9) / 1_000_000_000m,
                    UncountedTurns = reader.GetInt64(10),
                };
            }
        }

        // A task is done by the turn of its attempt's session: it counts where (and when) that turn does.
        using (var command = c.CreateCommand())
        {
            command.CommandText = $"""
                SELECT {key}, COUNT(DISTINCT rt.run_id || '/' || rt.seq) FROM run_tasks rt JOIN turn_stats ts ON ts.session_id = rt.session_id
                WHERE rt.status = 'Done' AND {Within(window)}{agent} GROUP BY 1;
                """;
            command.Parameters.AddWithValue("$since", window.SinceMs);
            command.Parameters.AddWithValue("$until", window.UntilMs);
            command.Parameters.AddWithValue("$agent", (object?)agentId ?? DBNull.Value);
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

    /// <summary>
    /// The window's condition. A wide window scans the table instead of the ended_ms index: walking the index and
    /// fetching each row by its key costs far more than reading the rows in order (the unary + hides the index).
    /// </summary>
    private static string Within(StatsWindow window)
        => window.SinceMs == long.MinValue && window.UntilMs == long.MaxValue ? "1"
            : window.UntilMs - window.SinceMs > TimeSpan.FromDays(7).TotalMilliseconds ? "+ts.ended_ms >= $since AND +ts.ended_ms < $until"
            : "ts.ended_ms >= $since AND ts.ended_ms < $until";

    private static string KeyColumn(StatsGroupBy? groupBy) => groupBy switch
    {
        null => "''",
        StatsGroupBy.Day => "ts.day",
        StatsGroupBy.Agent => "ts.agent_id",
        StatsGroupBy.Model => "COALESCE(ts.model, 'default')",
        StatsGroupBy.Project => "ts.project",
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy)),
    };
}
