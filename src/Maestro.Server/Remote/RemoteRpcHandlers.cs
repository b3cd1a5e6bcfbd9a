using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Remote;

public sealed class RemoteRpcHandlers : IRpcHandlers
{
    private readonly RemoteService remote;
    private readonly ClientConnection connection;

    public RemoteRpcHandlers(RemoteService remote, ClientConnection connection)
    {
        this.remote = remote;
        this.connection = connection;
    }

    [JsonRpcMethod(Methods.RemoteStart)]
    public Task<RemoteStartResult> StartAsync(RemoteStartParams? request = null, CancellationToken cancellationToken = default)
        => remote.StartAsync(request ?? new RemoteStartParams(), cancellationToken);

    [JsonRpcMethod(Methods.RemoteStop)]
    public async Task<object?> StopAsync(CancellationToken cancellationToken)
    {
        await remote.StopAsync(cancellationToken);
        return null;
    }

    [JsonRpcMethod(Methods.RemoteStatus)]
    public RemoteStatusResult Status() => remote.Status();

    /// <summary>
    /// Handled by the remote socket itself before the connection exists (RemoteSocketSession); a connection that gets
    /// here is already trusted (an editor, the CLI, an authenticated page).
    /// </summary>
    [JsonRpcMethod(Methods.RemoteAuthenticate)]
    public RemoteAuthenticateResult Authenticate(RemoteAuthenticateParams request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var what = connection.IsRemote ? "This page is already authenticated" : "This connection is local and needs no token";
        throw new MaestroException(ErrorCodes.InvalidRequest, ErrorKinds.InvalidRequest, $"{what}: 'remote/authenticate' is only the first message on a remote page's WebSocket.");
    }
}
