using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Stats;
using Maestro.Server.Storage;
using Maestro.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Tests.Stats;

/// <summary>
/// The per-day rollup (migration 8) against the turns themselves: turns written straight into turn_stats over four
/// local days (the triggers keep the rollup), then stats/get over whole days, partial first and last days, a window
/// inside one day and the open window must equal the sums of the turns in each window, group by group, for every agent
/// and for one; sessions counted once per group (migration 13's spans and starts).
/// </summary>
public sealed class StatsRollupTests : IAsyncLifetime
{
    private TestServer server = null!;
    private MaestroDatabase database = null!;
    private StatsService stats = null!;
    private DateTimeOffset firstMidnight;

    public async Task InitializeAsync()
    {
        server = new TestServer();
        database = server.Services.GetRequiredService<MaestroDatabase>();
        stats = server.Services.GetRequiredService<StatsService>();
        var today = DateTime.Today;
        firstMidnight = new DateTimeOffset(today.AddDays(-3));
        // Every 37 minutes over four local days: 156 turns, 2 agents, a model or the default, 3 projects, 13 sessions.
        await WriteAsync("""
            INSERT INTO turn_stats (session_id, turn_id, agent_id, model, project, started_ms, ended_ms, day, wall_ms, busy_ms,
                input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano, cost_known, stop_reason)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 155)
            SELECT 's' || (i / 12), 't' || i, CASE i % 2 WHEN 0 THEN 'claude-code' ELSE 'codex' END, CASE WHEN i % 5 = 0 THEN NULL ELSE 'opus' END,
                   '/p' || (i % 3), $start + i * 2220000 - 1000, $start + i * 2220000,
                   date(($start + i * 2220000) / 1000, 'unixepoch', 'localtime'), 1000 + i, 900 + i, 100 + i, 10 + i, i, 2 * i,
                   CASE WHEN i % 7 = 0 THEN 0 ELSE 10000000 + i END, CASE WHEN i % 7 = 0 THEN 0 ELSE 1 END, 'endTurn'
            FROM n;
            """);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Task<int> WriteAsync(string sql) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$start", firstMidnight.ToUnixTimeMilliseconds() + 60_000);
            return await command.ExecuteNonQueryAsync();
        },
        CancellationToken.None);

    public static TheoryData<int?, int?> Windows => new()
    {
        { null, null },                        // the open window: every day from the rollup
        { 0, 4 * 24 * 60 },                    // four whole days
        { 24 * 60, 3 * 24 * 60 },              // the middle two
        { 10 * 60 + 7, 3 * 24 * 60 + 50 },     // partial first and last days around two whole ones
        { 20 * 60, 2 * 24 * 60 + 3 * 60 },     // one whole day between partial ones
        { 25 * 60, 30 * 60 },                  // inside one day: no whole day, the turns only
        { 23 * 60, 25 * 60 },                  // across one midnight, no whole day
        { null, 2 * 24 * 60 + 1 },             // open start, partial end
        { 24 * 60 - 1, null },                 // partial start, open end
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Stats_get_over_the_rollup_equals_the_sums_of_the_turns_in_the_window(int? sinceMinutes, int? untilMinutes)
    {
        var since = sinceMinutes is { } s ? firstMidnight.AddMinutes(s) : (DateTimeOffset?)null;
        var until = untilMinutes is { } u ? firstMidnight.AddMinutes(u) : (DateTimeOffset?)null;
        foreach (var agentId in new[] { null, "codex" })
        {
            foreach (var groupBy in new StatsGroupBy?[] { null, StatsGroupBy.Day, StatsGroupBy.Agent, StatsGroupBy.Model, StatsGroupBy.Project })
            {
                var answer = await stats.GetAsync(new StatsGetParams { Since = since, Until = until, GroupBy = groupBy, AgentId = agentId }, CancellationToken.None);
                var expected = await TurnsAsync(since, until, groupBy, agentId);
                Assert.Equal(expected[string.Empty], answer.Totals);
                if (groupBy is not null)
                {
                    Assert.Equal(expected.Where(e => e.Key.Length > 0).OrderBy(e => e.Key, StringComparer.Ordinal), answer.Groups.Select(g => KeyValuePair.Create(g.Key, g.Totals)).OrderBy(e => e.Key, StringComparer.Ordinal));
                }
            }
        }
    }

    [Fact]
    public async Task A_turn_written_again_or_deleted_leaves_the_rollup_equal_to_the_turns()
    {
        var before = await stats.GetAsync(new StatsGetParams { GroupBy = StatsGroupBy.Day }, CancellationToken.None);

        // The recorder's upsert of a turn already stored (its numbers changed), and a day's only turn of a session deleted.
        await WriteAsync("UPDATE turn_stats SET cost_nano = cost_nano + 5000000000, input_tokens = 0, model = 'haiku' WHERE turn_id = 't1';");
        await WriteAsync("DELETE FROM turn_stats WHERE turn_id IN (SELECT turn_id FROM turn_stats WHERE session_id = 's12');");

        var after = await stats.GetAsync(new StatsGetParams { GroupBy = StatsGroupBy.Model }, CancellationToken.None);
        var expected = await TurnsAsync(null, null, StatsGroupBy.Model, null);
        Assert.Equal(expected[string.Empty], after.Totals);
        foreach (var groupBy in new StatsGroupBy?[] { StatsGroupBy.Day, StatsGroupBy.Agent, StatsGroupBy.Project })
        {
            var sinceYesterday = firstMidnight.AddDays(1).AddHours(5);
            var answer = await stats.GetAsync(new StatsGetParams { Since = sinceYesterday, GroupBy = groupBy }, CancellationToken.None);
            var turns = await TurnsAsync(sinceYesterday, null, groupBy, null);
            Assert.Equal(turns.Where(e => e.Key.Length > 0).OrderBy(e => e.Key, StringComparer.Ordinal), answer.Groups.Select(g => KeyValuePair.Create(g.Key, g.Totals)).OrderBy(e => e.Key, StringComparer.Ordinal));
        }

        Assert.Equal(before.Totals.Turns - 12, after.Totals.Turns);
        Assert.Equal(before.Totals.Sessions - 1, after.Totals.Sessions);
        Assert.Equal(expected["haiku"], Assert.Single(after.Groups, g => g.Key == "haiku").Totals);
        var leftovers = await database.ReadAsync(
            async c =>
            {
                using var command = c.CreateCommand();
                command.CommandText = """
                    SELECT (SELECT COUNT(*) FROM turn_stats_session_days WHERE session_id = 's12') + (SELECT COUNT(*) FROM turn_stats_daily WHERE turns <= 0)
                         + (SELECT COUNT(*) FROM turn_stats_session_spans WHERE session_id = 's12') + (SELECT COUNT(*) FROM turn_stats_session_starts WHERE sessions <= 0);
                    """;
                return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            },
            CancellationToken.None);
        Assert.Equal(0, leftovers);
    }

    /// <summary>The reference: the window's turns summed straight from turn_stats, by key ("" is the total).</summary>
    private Task<Dictionary<string, StatsTotals>> TurnsAsync(DateTimeOffset? since, DateTimeOffset? until, StatsGroupBy? groupBy, string? agentId) => database.ReadAsync(
        async c =>
        {
            var key = groupBy switch
            {
                StatsGroupBy.Day => "day",
                StatsGroupBy.Agent => "agent_id",
                StatsGroupBy.Model => "COALESCE(model, 'default')",
                StatsGroupBy.Project => "project",
                _ => "''",
            };
            var result = new Dictionary<string, StatsTotals>(StringComparer.Ordinal);
            foreach (var k in groupBy is null ? ["''"] : new[] { "''", key })
            {
                using var command = c.CreateCommand();
                command.CommandText = $"""
                    SELECT {k}, COUNT(DISTINCT session_id), COUNT(*), SUM(wall_ms), SUM(busy_ms), SUM(input_tokens), SUM(output_tokens),
                           SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cost_nano), SUM(1 - cost_known)
                    FROM turn_stats WHERE ended_ms >= $since AND ended_ms < $until AND ($agent IS NULL OR agent_id = $agent) GROUP BY 1;
                    """;
                command.Parameters.AddWithValue("$since", since?.ToUnixTimeMilliseconds() ?? long.MinValue);
                command.Parameters.AddWithValue("$until", until?.ToUnixTimeMilliseconds() ?? long.MaxValue);
                command.Parameters.AddWithValue("$agent", (object?)agentId ?? DBNull.Value);
                using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    result[reader.GetString(0)] = new StatsTotals
                    {
                        Sessions = reader.GetInt64(1), Turns = reader.GetInt64(2), RuntimeMs = reader.GetInt64(3), BusyMs = reader.GetInt64(4),
                        InputTokens = reader.GetInt64(5), OutputTokens = reader.GetInt64(6), CacheReadTokens = reader.GetInt64(7),
                        CacheWriteTokens = reader.GetInt64(8), CostUsd = reader.GetInt64(9) / 1_000_000_000m, UncountedTurns = reader.GetInt64(10),
                    };
                }
            }

            result.TryAdd(string.Empty, new StatsTotals());
            return result;
        },
        CancellationToken.None);
}
