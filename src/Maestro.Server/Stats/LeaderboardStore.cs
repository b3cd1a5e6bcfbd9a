using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Stats;

/// <summary>The leaderboard from the runs and run_tasks rows: every run is already recorded there with its tasks, duration and outcome.</summary>
public sealed class LeaderboardStore
{
    // A run still going counts up to now; julianday makes milliseconds of the stored ISO 8601 times.
    private const string DurationMs = "MAX(0, CAST(ROUND((julianday(COALESCE(r.ended_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) - julianday(r.started_at)) * 86400000.0) AS INTEGER))";

    private const string RunColumns = $"""
        r.id, r.playbook, r.agent_id, r.outcome, {DurationMs} AS duration_ms,
        (SELECT COUNT(*) FROM run_tasks t WHERE t.run_id = r.id AND t.status IN ('Done', 'NotDone', 'Failed')),
        (SELECT COUNT(*) FROM run_tasks t WHERE t.run_id = r.id AND t.status = 'Done') AS done,
        (SELECT COUNT(*) FROM run_tasks t WHERE t.run_id = r.id AND t.status = 'Failed'),
        r.usage_json, r.started_at
        """;

    private readonly MaestroDatabase database;

    public LeaderboardStore(MaestroDatabase database)
    {
        this.database = database;
    }

    public Task<StatsLeaderboardResult> GetAsync(int limit, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            var longest = await RunsAsync(c, "duration_ms DESC, r.started_at", limit, cancellationToken);
            var most = await RunsAsync(c, "done DESC, duration_ms DESC", limit, cancellationToken);
            var agents = await AgentsAsync(c, cancellationToken);
            var total = agents.Sum(a => a.AutoRunMs);
            var (rank, next) = AutoRunRanks.For(total);
            return new StatsLeaderboardResult { AutoRunMs = total, Rank = rank, NextRank = next, LongestRuns = longest, MostTasks = most, Agents = agents };
        },
        cancellationToken);

    private static async Task<IReadOnlyList<RunLeaderboardEntry>> RunsAsync(SqliteConnection c, string order, int limit, CancellationToken cancellationToken)
    {
        using var command = c.CreateCommand();
        command.CommandText = $"SELECT {RunColumns} FROM runs r ORDER BY {order} LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        var runs = new List<RunLeaderboardEntry>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunLeaderboardEntry
            {
                RunId = reader.GetString(0),
                Playbook = reader.GetString(1),
                AgentId = reader.GetString(2),
                Outcome = reader.IsDBNull(3) ? null : Enum.Parse<RunOutcome>(reader.GetString(3)),
                DurationMs = reader.GetInt64(4),
                TasksAttempted = reader.GetInt64(5),
                TasksDone = reader.GetInt64(6),
                TasksFailed = reader.GetInt64(7),
                CostUsd = System.Text.Json.JsonSerializer.Deserialize(reader.GetString(8), MaestroJsonContext.Default.Usage)?.CostUsd ?? 0m,
                StartedAt = DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            });
        }

        return runs;
    }

    private static async Task<IReadOnlyList<AgentLeaderboardEntry>> AgentsAsync(SqliteConnection c, CancellationToken cancellationToken)
    {
        using var command = c.CreateCommand();
        command.CommandText = $"""
            SELECT r.agent_id, COUNT(*), COALESCE(SUM({DurationMs}), 0),
                   COALESCE(SUM((SELECT COUNT(*) FROM run_tasks t WHERE t.run_id = r.id AND t.status IN ('Done', 'NotDone', 'Failed'))), 0),
                   COALESCE(SUM((SELECT COUNT(*) FROM run_tasks t WHERE t.run_id = r.id AND t.status = 'Done')), 0),
                   COALESCE(SUM(CAST(ROUND(COALESCE(json_extract(r.usage_json, '$.costUsd'), 0) * 1000000000.0) AS INTEGER)), 0)
            FROM runs r GROUP BY r.agent_id ORDER BY 3 DESC, 1;
            """;
        var agents = new List<AgentLeaderboardEntry>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var attempted = reader.GetInt64(3);
            var done = reader.GetInt64(4);
            var cost = reader.GetInt64(5) / 1_000_000_000m;
            agents.Add(new AgentLeaderboardEntry
            {
                AgentId = reader.GetString(0),
                Runs = reader.GetInt64(1),
                AutoRunMs = reader.GetInt64(2),
                TasksAttempted = attempted,
                TasksDone = done,
                SuccessRate = attempted == 0 ? null : (double)done / attempted,
                CostUsd = cost,
                CostPerTaskUsd = done == 0 ? null : decimal.Round(cost / done, 9),
            });
        }

        return agents;
    }
}
