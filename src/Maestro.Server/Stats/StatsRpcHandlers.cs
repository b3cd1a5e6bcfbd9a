using Maestro.Protocol;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Stats;

public sealed class StatsRpcHandlers : IRpcHandlers
{
    private readonly StatsService stats;

    public StatsRpcHandlers(StatsService stats)
    {
        this.stats = stats;
    }

    [JsonRpcMethod(Methods.StatsGet)]
    public Task<StatsResult> GetAsync(StatsGetParams request, CancellationToken cancellationToken)
        => stats.GetAsync(request, cancellationToken);

    [JsonRpcMethod(Methods.StatsLeaderboard)]
    public Task<StatsLeaderboardResult> LeaderboardAsync(StatsLeaderboardParams request, CancellationToken cancellationToken)
        => stats.LeaderboardAsync(request, cancellationToken);

    [JsonRpcMethod(Methods.StatsExport)]
    public Task<StatsExportResult> ExportAsync(StatsExportParams request, CancellationToken cancellationToken)
        => stats.ExportAsync(request, cancellationToken);
}
