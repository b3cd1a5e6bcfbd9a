using Microsoft.Data.Sqlite;

namespace Maestro.Server.Stats;

/// <summary>
/// How a window splits for the rollup: the whole local days [FromDay, ToDay) read from turn_stats_daily, and the
/// partial first and last days (Edges, in Unix milliseconds) summed from turn_stats through its ended_ms index.
/// </summary>
public sealed record StatsDays(string FromDay, string ToDay, IReadOnlyList<(long SinceMs, long UntilMs)> Edges)
{
    /// <summary>The FromDay of a window with an open start.</summary>
    public const string Open = "0000-00-00";
    private const string End = "9999-99-99";

    /// <summary>The split of <paramref name="window"/>, or null when it holds no whole day (the turns are read then).</summary>
    public static async Task<StatsDays?> PlanAsync(SqliteConnection connection, StatsWindow window, CancellationToken cancellationToken)
    {
        // Local days as SQLite sees them: the same clock as turn_stats.day.
        var edges = new List<(long, long)>();
        var fromDay = Open;
        if (window.SinceMs != long.MinValue)
        {
            var (day, startMs, nextDay, nextStartMs) = await DayOfAsync(connection, window.SinceMs, cancellationToken);
            if (startMs == window.SinceMs)
            {
                fromDay = day;
            }
            else
            {
                fromDay = nextDay;
                edges.Add((window.SinceMs, Math.Min(nextStartMs, window.UntilMs)));
            }
        }

        var toDay = End;
        if (window.UntilMs != long.MaxValue)
        {
            var (day, startMs, _, _) = await DayOfAsync(connection, window.UntilMs, cancellationToken);
            toDay = day;
            if (startMs < window.UntilMs && (edges.Count == 0 || edges[0].Item2 <= startMs))
            {
                edges.Add((Math.Max(startMs, window.SinceMs), window.UntilMs));
            }
        }

        return string.CompareOrdinal(fromDay, toDay) < 0 ? new StatsDays(fromDay, toDay, edges) : null;
    }

    /// <summary>The local day holding <paramref name="ms"/>, when it starts, the day after and when that starts.</summary>
    private static async Task<(string Day, long StartMs, string NextDay, long NextStartMs)> DayOfAsync(SqliteConnection connection, long ms, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH d AS (SELECT date($ms / 1000, 'unixepoch', 'localtime') AS day)
            SELECT day, CAST(ROUND((julianday(day, 'utc') - 2440587.5) * 86400000.0) AS INTEGER),
                   date(day, '+1 day'), CAST(ROUND((julianday(date(day, '+1 day'), 'utc') - 2440587.5) * 86400000.0) AS INTEGER)
            FROM d;
            """;
        command.Parameters.AddWithValue("$ms", ms);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3));
    }
}
