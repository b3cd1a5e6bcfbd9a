using Maestro.Protocol;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Agents;

public sealed class AgentsRpcHandlers : IRpcHandlers
{
    private readonly AgentCatalog catalog;

    public AgentsRpcHandlers(AgentCatalog catalog)
    {
        this.catalog = catalog;
    }

    [JsonRpcMethod(Methods.AgentsList)]
    public async Task<AgentsListResult> ListAsync(CancellationToken cancellationToken)
        => new() { Agents = await catalog.ListAsync(cancellationToken) };
}
