using Maestro.Protocol;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Hosts;

public sealed class HostsRpcHandlers : IRpcHandlers
{
    private readonly HostService hosts;

    public HostsRpcHandlers(HostService hosts)
    {
        this.hosts = hosts;
    }

    [JsonRpcMethod(Methods.HostsAdd)]
    public Task<HostInfo> AddAsync(HostAddParams request, CancellationToken cancellationToken)
        => hosts.AddAsync(request, cancellationToken);

    [JsonRpcMethod(Methods.HostsList)]
    public Task<HostListResult> ListAsync(CancellationToken cancellationToken)
        => hosts.ListAsync(cancellationToken);

    [JsonRpcMethod(Methods.HostsRemove)]
    public async Task<object?> RemoveAsync(HostNameParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await hosts.RemoveAsync(request.Name, cancellationToken);
        return null;
    }

    [JsonRpcMethod(Methods.HostsTest)]
    public Task<HostTestResult> TestAsync(HostNameParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return hosts.TestAsync(request.Name, cancellationToken);
    }

    [JsonRpcMethod(Methods.HostsInstall)]
    public Task<HostInstallResult> InstallAsync(HostNameParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return hosts.InstallAsync(request.Name, cancellationToken);
    }
}
