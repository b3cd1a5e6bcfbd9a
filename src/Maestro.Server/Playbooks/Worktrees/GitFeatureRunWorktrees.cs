using Maestro.Server.Git;
using Maestro.Server.Git.Errors;
using Maestro.Server.Git.Worktrees;

namespace Maestro.Server.Playbooks.Worktrees;

/// <summary>Run worktrees through the Git feature's public services, like sessions' worktrees.</summary>
public sealed class GitFeatureRunWorktrees : IRunWorktrees
{
    private readonly RepositoryLocator locator;
    private readonly WorktreeService worktrees;

    public GitFeatureRunWorktrees(RepositoryLocator locator, WorktreeService worktrees)
    {
        this.locator = locator;
        this.worktrees = worktrees;
    }

    public Task<string?> RepositoryRootAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult<string?>(locator.Locate(path).Root);
        }
        catch (NotARepositoryException)
        {
            return Task.FromResult<string?>(null);
        }
    }

    public async Task<RunWorktree> CreateAsync(string repository, string branch, string? baseRef, CancellationToken cancellationToken)
    {
        var root = locator.Locate(repository).Root;
        // An existing branch is gone on with (a scheduled run's `--worktree nightly`, or a run stopped before): its
        // worktree holds the playbook's boxes as that run left them.
        if (await worktrees.OfExistingBranchAsync(root, branch, cancellationToken) is { } existing)
        {
            return new RunWorktree(root, existing.Path, branch) { Reused = true };
        }

        var created = await worktrees.CreateAsync(root, branch, baseRef, null, cancellationToken);
        return new RunWorktree(root, created.Path, created.Branch ?? branch);
    }
}
