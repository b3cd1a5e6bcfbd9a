using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Stats.Limits;

namespace Maestro.Server.Stats;

/// <summary>What <c>stats/*</c> answers: totals and groups, the leaderboard, the CSV export. Nothing leaves the machine.</summary>
public sealed class StatsService
{
    public const int DefaultLeaderboardLimit = 10;
    public const int MaxLeaderboardLimit = 100;

    private readonly StatsStore store;
    private readonly LeaderboardStore leaderboard;
    private readonly CostLimitGate limits;

    public StatsService(StatsStore store, LeaderboardStore leaderboard, CostLimitGate limits)
    {
        this.store = store;
        this.leaderboard = leaderboard;
        this.limits = limits;
    }

    public async Task<StatsResult> GetAsync(StatsGetParams request, CancellationToken cancellationToken)
    {
        await store.SettledAsync();
        var result = await store.GetAsync(Window(request.Since, request.Until), request.GroupBy, request.AgentId, cancellationToken);
        return result with { Limits = await limits.StatusAsync(cancellationToken) };
    }

    public Task<StatsLeaderboardResult> LeaderboardAsync(StatsLeaderboardParams request, CancellationToken cancellationToken)
    {
        if (request.Limit is < 1 or > MaxLeaderboardLimit)
        {
            throw new InvalidParamsException($"limit must be between 1 and {MaxLeaderboardLimit}.");
        }

        return leaderboard.GetAsync(request.Limit ?? DefaultLeaderboardLimit, cancellationToken);
    }

    public async Task<StatsExportResult> ExportAsync(StatsExportParams request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.Format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidParamsException($"The export format '{request.Format}' is unknown; the only one is csv.");
        }

        await store.SettledAsync();
        var rows = await store.ExportAsync(Window(request.Since, request.Until), cancellationToken);
        return new StatsExportResult { Format = "csv", Rows = rows.Count, Text = StatsCsv.Write(rows) };
    }

    private static StatsWindow Window(DateTimeOffset? since, DateTimeOffset? until)
    {
        if (since is not null && until is not null && until < since)
        {
            throw new InvalidParamsException("until is before since.");
        }

        return StatsWindow.From(since, until);
    }
}
