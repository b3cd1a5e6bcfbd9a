using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Git;

/// <summary><c>git/status</c>, <c>git/log</c>, <c>git/branches</c>; with <c>host</c> they are answered by that host's daemon.</summary>
public sealed class GitRpcHandlers : IRpcHandlers
{
    private readonly GitStatusService status;
    private readonly HostConnections hosts;

    public GitRpcHandlers(GitStatusService status, HostConnections hosts)
    {
        this.status = status;
        this.hosts = hosts;
    }

    [JsonRpcMethod(Methods.GitStatus)]
    public Task<GitStatusResult> StatusAsync(GitStatusParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? hosts.ForwardToHostAsync<GitStatusResult>(host, Methods.GitStatus, request with { Host = null }, cancellationToken)
            : status.StatusAsync(request.Cwd, cancellationToken);

    [JsonRpcMethod(Methods.GitLog)]
    public Task<GitLogResult> LogAsync(GitLogParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? hosts.ForwardToHostAsync<GitLogResult>(host, Methods.GitLog, request with { Host = null }, cancellationToken)
            : status.LogAsync(request.Cwd, request.Limit, request.Ref, cancellationToken);

    [JsonRpcMethod(Methods.GitBranches)]
    public Task<GitBranchesResult> BranchesAsync(GitBranchesParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? hosts.ForwardToHostAsync<GitBranchesResult>(host, Methods.GitBranches, request with { Host = null }, cancellationToken)
            : status.BranchesAsync(request.Cwd, cancellationToken);
}
