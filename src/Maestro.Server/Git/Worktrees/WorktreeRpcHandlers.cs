using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Git.Worktrees;

/// <summary>
/// <c>worktrees/list</c>, <c>create</c>, <c>remove</c>, <c>prune</c> and <c>merge</c>. With <c>host</c> the request goes
/// to that host's daemon (paths are paths there) and its worktrees come back with <c>host</c> set.
/// </summary>
public sealed class WorktreeRpcHandlers : IRpcHandlers
{
    private readonly WorktreeService worktrees;
    private readonly WorktreeMergeService merges;
    private readonly HostConnections hosts;

    public WorktreeRpcHandlers(WorktreeService worktrees, WorktreeMergeService merges, HostConnections hosts)
    {
        this.worktrees = worktrees;
        this.merges = merges;
        this.hosts = hosts;
    }

    [JsonRpcMethod(Methods.WorktreesList)]
    public async Task<WorktreeListResult> ListAsync(WorktreeListParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? await hosts.ForwardToHostAsync<WorktreeListResult>(host, Methods.WorktreesList, request with { Host = null }, cancellationToken)
            : new() { Worktrees = await worktrees.ListAsync(request.Repo, cancellationToken) };

    [JsonRpcMethod(Methods.WorktreesCreate)]
    public Task<Protocol.Worktree> CreateAsync(WorktreeCreateParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? hosts.ForwardToHostAsync<Protocol.Worktree>(host, Methods.WorktreesCreate, request with { Host = null }, cancellationToken)
            : worktrees.CreateAsync(request.Repo, request.Branch, request.Base, RequestPath.OptionalAbsolute(request.Path, "path"), cancellationToken);

    [JsonRpcMethod(Methods.WorktreesRemove)]
    public Task<WorktreeRemoveResult> RemoveAsync(WorktreeRemoveParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? hosts.ForwardToHostAsync<WorktreeRemoveResult>(host, Methods.WorktreesRemove, request with { Host = null }, cancellationToken)
            : worktrees.RemoveAsync(request.Path, request.Force, request.DeleteBranch, cancellationToken);

    [JsonRpcMethod(Methods.WorktreesPrune)]
    public async Task<WorktreePruneResult> PruneAsync(WorktreePruneParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? await hosts.ForwardToHostAsync<WorktreePruneResult>(host, Methods.WorktreesPrune, request with { Host = null }, cancellationToken)
            : new() { Pruned = await worktrees.PruneAsync(request.Repo, cancellationToken) };

    [JsonRpcMethod(Methods.WorktreesMerge)]
    public Task<WorktreeMergeResult> MergeAsync(WorktreeMergeParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? hosts.ForwardToHostAsync<WorktreeMergeResult>(host, Methods.WorktreesMerge, request with { Host = null }, cancellationToken)
            : merges.MergeAsync(request.Path, request.Base, request.Message, request.Strategy, cancellationToken);
}
