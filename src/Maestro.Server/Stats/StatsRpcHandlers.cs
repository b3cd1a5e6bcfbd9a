using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Stats;

public sealed class StatsRpcHandlers : IRpcHandlers
{
    private readonly StatsService stats;
    private readonly HostConnections hosts;

    public StatsRpcHandlers(StatsService stats, HostConnections hosts)
    {
        this.stats = stats;
        this.hosts = hosts;
    }

    /// <summary>This machine's stats, or with <c>host</c> those of that host's daemon (its own turns, as it counts them).</summary>
    [JsonRpcMethod(Methods.StatsGet)]
    public Task<StatsResult> GetAsync(StatsGetParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? hosts.ForwardToHostAsync<StatsResult>(host, Methods.StatsGet, request with { Host = null }, cancellationToken)
            : stats.GetAsync(request, cancellationToken);

    [JsonRpcMethod(Methods.StatsLeaderboard)]
    public Task<StatsLeaderboardResult> LeaderboardAsync(StatsLeaderboardParams request, CancellationToken cancellationToken)
        => stats.LeaderboardAsync(request, cancellationToken);

    [JsonRpcMethod(Methods.StatsExport)]
    public Task<StatsExportResult> ExportAsync(StatsExportParams request, CancellationToken cancellationToken)
        => stats.ExportAsync(request, cancellationToken);
}
