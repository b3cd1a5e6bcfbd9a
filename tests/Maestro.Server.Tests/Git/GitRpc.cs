using Maestro.Protocol;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git;

/// <summary>Typed calls of the git, worktree and review methods over a real RPC connection.</summary>
internal static class GitRpc
{
    public static Task<ReviewChangesResult> ChangesAsync(this JsonRpc rpc, string cwd, params string[] paths)
        => rpc.InvokeWithParameterObjectAsync<ReviewChangesResult>(Methods.ReviewChanges, new ReviewChangesParams { Cwd = cwd, Paths = paths.Length == 0 ? null : paths, Baseline = ReviewBaseline.Index });

    public static async Task<int> AcceptAsync(this JsonRpc rpc, string cwd, IReadOnlyList<string>? hunkIds = null, IReadOnlyList<string>? paths = null)
        => (await rpc.InvokeWithParameterObjectAsync<ReviewAcceptResult>(Methods.ReviewAccept, new ReviewSelectionParams { Cwd = cwd, HunkIds = hunkIds, Paths = paths, Baseline = ReviewBaseline.Index })).Accepted;

    public static async Task<int> RejectAsync(this JsonRpc rpc, string cwd, IReadOnlyList<string>? hunkIds = null, IReadOnlyList<string>? paths = null)
        => (await rpc.InvokeWithParameterObjectAsync<ReviewRejectResult>(Methods.ReviewReject, new ReviewSelectionParams { Cwd = cwd, HunkIds = hunkIds, Paths = paths, Baseline = ReviewBaseline.Index })).Rejected;

    public static Task<ReviewChangesResult> AgentChangesAsync(this JsonRpc rpc, string cwd, string? sessionId = null)
        => rpc.InvokeWithParameterObjectAsync<ReviewChangesResult>(Methods.ReviewChanges, new ReviewChangesParams { Cwd = cwd, SessionId = sessionId });

    public static Task<ReviewAcceptResult> AgentAcceptAsync(this JsonRpc rpc, string cwd, IReadOnlyList<string>? hunkIds = null, IReadOnlyList<string>? paths = null)
        => rpc.InvokeWithParameterObjectAsync<ReviewAcceptResult>(Methods.ReviewAccept, new ReviewSelectionParams { Cwd = cwd, HunkIds = hunkIds, Paths = paths });

    public static Task<ReviewRejectResult> AgentRejectAsync(this JsonRpc rpc, string cwd, IReadOnlyList<string>? hunkIds = null, IReadOnlyList<string>? paths = null, bool confirm = false)
        => rpc.InvokeWithParameterObjectAsync<ReviewRejectResult>(Methods.ReviewReject, new ReviewSelectionParams { Cwd = cwd, HunkIds = hunkIds, Paths = paths, Confirm = confirm });

    public static Task<ReviewUndoResult> UndoAsync(this JsonRpc rpc, string cwd, string decisionId)
        => rpc.InvokeWithParameterObjectAsync<ReviewUndoResult>(Methods.ReviewUndo, new ReviewUndoParams { Cwd = cwd, DecisionId = decisionId });

    public static Task<Worktree> CreateWorktreeAsync(this JsonRpc rpc, string repo, string branch, string? @base = null, string? path = null)
        => rpc.InvokeWithParameterObjectAsync<Worktree>(Methods.WorktreesCreate, new WorktreeCreateParams { Repo = repo, Branch = branch, Base = @base, Path = path });

    public static async Task<IReadOnlyList<Worktree>> ListWorktreesAsync(this JsonRpc rpc, string repo)
        => (await rpc.InvokeWithParameterObjectAsync<WorktreeListResult>(Methods.WorktreesList, new WorktreeListParams { Repo = repo })).Worktrees;

    public static Task RemoveWorktreeAsync(this JsonRpc rpc, string path, bool force = false)
        => rpc.InvokeWithParameterObjectAsync<object?>(Methods.WorktreesRemove, new WorktreeRemoveParams { Path = path, Force = force });

    public static Task<WorktreeMergeResult> MergeAsync(this JsonRpc rpc, string path, string? message = null, string? @base = null, MergeStrategy strategy = MergeStrategy.Auto)
        => rpc.InvokeWithParameterObjectAsync<WorktreeMergeResult>(Methods.WorktreesMerge, new WorktreeMergeParams { Path = path, Message = message, Base = @base, Strategy = strategy });

    /// <summary>The error a call failed with: its code and data kind.</summary>
    public static async Task<Exception> FailsAsync(Func<Task> call, int code)
    {
        var error = await Assert.ThrowsAnyAsync<RemoteRpcException>(call);
        var actual = error switch
        {
            RemoteInvocationException invocation => invocation.ErrorCode,
            RemoteMethodNotFoundException notFound => (int)notFound.ErrorCode,
            _ => 0,
        };
        Assert.True(code == actual, $"Expected error {code}, got {actual}: {error.Message}");
        return error;
    }
}
