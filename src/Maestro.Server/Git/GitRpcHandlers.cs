using Maestro.Protocol;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Git;

/// <summary><c>git/status</c>, <c>git/log</c>, <c>git/branches</c>.</summary>
public sealed class GitRpcHandlers : IRpcHandlers
{
    private readonly GitStatusService status;

    public GitRpcHandlers(GitStatusService status)
    {
        this.status = status;
    }

    [JsonRpcMethod(Methods.GitStatus)]
    public Task<GitStatusResult> StatusAsync(GitStatusParams request, CancellationToken cancellationToken)
        => status.StatusAsync(request.Cwd, cancellationToken);

    [JsonRpcMethod(Methods.GitLog)]
    public Task<GitLogResult> LogAsync(GitLogParams request, CancellationToken cancellationToken)
        => status.LogAsync(request.Cwd, request.Limit, request.Ref, cancellationToken);

    [JsonRpcMethod(Methods.GitBranches)]
    public Task<GitBranchesResult> BranchesAsync(GitBranchesParams request, CancellationToken cancellationToken)
        => status.BranchesAsync(request.Cwd, cancellationToken);
}
