using Maestro.Protocol;

namespace Maestro.Server.Git.Worktrees;

/// <summary>A worktree <see cref="WorktreeService"/> removed: enough to delete its branch afterwards, when its folder is gone.</summary>
/// <param name="Path">The removed worktree's folder.</param>
/// <param name="Branch">The branch it had checked out; null for a detached HEAD.</param>
/// <param name="MainRoot">The repository's main working tree, where the branch lives on.</param>
internal sealed record RemovedWorktree(string Path, string? Branch, string MainRoot)
{
    public WorktreeRemoveResult Result(bool branchDeleted) => new() { Path = Path, Branch = Branch, BranchDeleted = branchDeleted };
}
