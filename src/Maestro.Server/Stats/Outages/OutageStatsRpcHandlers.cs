using Maestro.Server.Errors;
using Maestro.Protocol;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Stats.Outages;

/// <summary><c>stats/outages</c>: outages bridged, downtime covered and recovery rate, per agent and per day.</summary>
public sealed class OutageStatsRpcHandlers : IRpcHandlers
{
    private readonly OutageStatsStore store;

    public OutageStatsRpcHandlers(OutageStatsStore store)
    {
        this.store = store;
    }

    [JsonRpcMethod(Methods.StatsOutages)]
    public async Task<StatsOutagesResult> GetAsync(StatsOutagesParams request, CancellationToken cancellationToken)
    {
        if (request.Since is { } since && request.Until is { } until && until < since)
        {
            throw new InvalidParamsException("until is before since.");
        }

        await store.SettledAsync();
        return await store.GetAsync(StatsWindow.From(request.Since, request.Until), cancellationToken);
    }
}
