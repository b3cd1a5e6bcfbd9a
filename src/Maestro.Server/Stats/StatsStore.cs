using System.Collections.Concurrent;
using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Stats;

/// <summary>
/// turn_stats in SQLite: written through the database's single writer (the per-day rollup follows by triggers), summed
/// by SQL on read (<see cref="StatsSums"/>).
/// </summary>
public sealed class StatsStore
{
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
                    INSERT INTO turn_stats
                        (session_id, turn_id, agent_id, model, project, started_ms, ended_ms, day, wall_ms, busy_ms,
                         input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano, cost_known, stop_reason)
                    SELECT id, $turn, agent_id, model, cwd, $started, $ended, date($endedText, 'localtime'), $wall, $busy,
                           $input, $output, $cacheRead, $cacheWrite, $cost, $known, $stop
                    FROM sessions WHERE id = $session
                    ON CONFLICT (session_id, turn_id) DO UPDATE SET
                        agent_id = excluded.agent_id, model = excluded.model, project = excluded.project, started_ms = excluded.started_ms,
                        ended_ms = excluded.ended_ms, day = excluded.day, wall_ms = excluded.wall_ms, busy_ms = excluded.busy_ms,
                        input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens, cache_read_tokens = excluded.cache_read_tokens,
                        cache_write_tokens = excluded.cache_write_tokens, cost_nano = excluded.cost_nano, cost_known = excluded.cost_known,
                        stop_reason = excluded.stop_reason
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
            var totals = (await StatsSums.SumAsync(c, window, null, agentId, cancellationToken)).Single().Totals;
            var groups = groupBy is null ? [] : await StatsSums.SumAsync(c, window, groupBy, agentId, cancellationToken);
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
                ? "SELECT COALESCE(SUM(cost_nano), 0) FROM turn_stats_daily WHERE day >= $day;"
                : "SELECT COALESCE(SUM(cost_nano), 0) FROM turn_stats_daily WHERE day >= $day AND agent_id = $agent;";
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
}
