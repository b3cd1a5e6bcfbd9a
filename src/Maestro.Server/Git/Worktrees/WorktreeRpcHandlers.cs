using Maestro.Protocol;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Git.Worktrees;

/// <summary><c>worktrees/list</c>, <c>create</c>, <c>remove</c>, <c>prune</c> and <c>merge</c>.</summary>
public sealed class WorktreeRpcHandlers : IRpcHandlers
{
    private readonly WorktreeService worktrees;
    private readonly WorktreeMergeService merges;

    public WorktreeRpcHandlers(WorktreeService worktrees, WorktreeMergeService merges)
    {
        this.worktrees = worktrees;
        this.merges = merges;
    }

    [JsonRpcMethod(Methods.WorktreesList)]
    public async Task<WorktreeListResult> ListAsync(WorktreeListParams request, CancellationToken cancellationToken)
        => new() { Worktrees = await worktrees.ListAsync(request.Repo, cancellationToken) };

    [JsonRpcMethod(Methods.WorktreesCreate)]
    public Task<Protocol.Worktree> CreateAsync(WorktreeCreateParams request, CancellationToken cancellationToken)
        => worktrees.CreateAsync(request.Repo, request.Branch, request.Base, RequestPath.OptionalAbsolute(request.Path, "path"), cancellationToken);

    [JsonRpcMethod(Methods.WorktreesRemove)]
    public async Task<object?> RemoveAsync(WorktreeRemoveParams request, CancellationToken cancellationToken)
    {
        await worktrees.RemoveAsync(request.Path, request.Force, cancellationToken);
        return null;
    }

    [JsonRpcMethod(Methods.WorktreesPrune)]
    public async Task<WorktreePruneResult> PruneAsync(WorktreePruneParams request, CancellationToken cancellationToken)
        => new() { Pruned = await worktrees.PruneAsync(request.Repo, cancellationToken) };

    [JsonRpcMethod(Methods.WorktreesMerge)]
    public Task<WorktreeMergeResult> MergeAsync(WorktreeMergeParams request, CancellationToken cancellationToken)
        => merges.MergeAsync(request.Path, request.Base, request.Message, request.Strategy, cancellationToken);
}
