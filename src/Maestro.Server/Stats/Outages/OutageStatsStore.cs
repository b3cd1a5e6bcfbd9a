using System.Collections.Concurrent;
using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Stats.Outages;

/// <summary>The outages table in SQLite: a row written through the database's single writer when an outage closes, summed by SQL on read.</summary>
public sealed class OutageStatsStore
{
    private const string Sums = """
        COUNT(*), COALESCE(SUM(state = 'recovered'), 0), COALESCE(SUM(state = 'stopped'), 0), COALESCE(SUM(failed_over), 0),
        COALESCE(SUM(CASE WHEN state = 'recovered' THEN downtime_ms ELSE 0 END), 0)
        """;

    private readonly MaestroDatabase database;
    private readonly ConcurrentDictionary<Task, byte> pending = new();

    public OutageStatsStore(MaestroDatabase database)
    {
        this.database = database;
    }

    /// <summary>Stores a closed outage with its session's agent (nothing when the session is gone).</summary>
    public async Task RecordAsync(string sessionId, OutageEvent outage, CancellationToken cancellationToken)
    {
        var ended = outage.EndedAt ?? outage.Since;
        var write = database.WriteAsync(
            async (c, t) =>
            {
                using var command = c.CreateCommand();
                command.Transaction = t;
                command.CommandText = """
                    INSERT OR REPLACE INTO outages
                        (outage_id, session_id, turn_id, agent_id, class, state, attempts, since_ms, ended_ms, day, downtime_ms, failed_over)
                    SELECT $outage, id, $turn, agent_id, $class, $state, $attempts, $since, $ended, date($endedText, 'localtime'), $downtime, $failedOver
                    FROM sessions WHERE id = $session;
                    """;
                command.Parameters.AddWithValue("$outage", outage.OutageId);
                command.Parameters.AddWithValue("$session", sessionId);
                command.Parameters.AddWithValue("$turn", outage.TurnId);
                command.Parameters.AddWithValue("$class", outage.Class == OutageClass.Quota ? "quota" : "availability");
                command.Parameters.AddWithValue("$state", outage.State == OutageState.Recovered ? "recovered" : "stopped");
                command.Parameters.AddWithValue("$attempts", outage.Attempts);
                command.Parameters.AddWithValue("$since", outage.Since.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$ended", ended.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$endedText", ended.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$downtime", Math.Max(0, ended.ToUnixTimeMilliseconds() - outage.Since.ToUnixTimeMilliseconds()));
                command.Parameters.AddWithValue("$failedOver", outage.FailedOverTo is null ? 0 : 1);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
        pending[write] = 0;
        try
        {
            await write;
        }
        finally
        {
            pending.TryRemove(write, out _);
        }
    }

    /// <summary>Completes once every outage queued so far is stored (or failed): a read right after a close sees it.</summary>
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

    /// <summary>The window's outages in total, per agent (most first) and per day (in order).</summary>
    public Task<StatsOutagesResult> GetAsync(StatsWindow window, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            var totals = (await SumAsync(c, window, "''", cancellationToken)).SingleOrDefault()?.Totals ?? Totals(0, 0, 0, 0, 0);
            var byAgent = await SumAsync(c, window, "agent_id", cancellationToken);
            var byDay = await SumAsync(c, window, "day", cancellationToken);
            return new StatsOutagesResult
            {
                Totals = totals,
                ByAgent = [.. byAgent.OrderByDescending(g => g.Totals.Outages).ThenBy(g => g.Key, StringComparer.Ordinal)],
                ByDay = [.. byDay.OrderBy(g => g.Key, StringComparer.Ordinal)],
            };
        },
        cancellationToken);

    private static async Task<List<OutageStatsGroup>> SumAsync(SqliteConnection c, StatsWindow window, string key, CancellationToken cancellationToken)
    {
        using var command = c.CreateCommand();
        command.CommandText = $"SELECT {key}, {Sums} FROM outages WHERE ended_ms >= $since AND ended_ms < $until GROUP BY 1;";
        command.Parameters.AddWithValue("$since", window.SinceMs);
        command.Parameters.AddWithValue("$until", window.UntilMs);
        var groups = new List<OutageStatsGroup>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new OutageStatsGroup
            {
                Key = reader.GetString(0),
                Totals = Totals(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)),
            });
        }

        return groups;
    }

    private static OutageTotals Totals(long outages, long bridged, long stopped, long failedOver, long downtimeMs) => new()
    {
        Outages = outages,
        Bridged = bridged,
        Stopped = stopped,
        FailedOver = failedOver,
        DowntimeCoveredMs = downtimeMs,
        RecoveryRate = outages == 0 ? null : (double)bridged / outages,
    };
}
