using LibGit2Sharp;
using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Git.Review;

namespace Maestro.Server.Git.Worktrees;

/// <summary>
/// Merge back: commits a worktree's accepted (staged) changes, then merges its branch into the base branch,
/// fast-forward or with a merge commit. The merge is computed in memory first; with conflicts nothing moves
/// and the conflicting paths are reported, so no tree is ever left half-merged.
/// </summary>
public sealed class WorktreeMergeService
{
    private readonly RepositoryLocator locator;
    private readonly RepositoryLocks locks;
    private readonly GitCli git;

    public WorktreeMergeService(RepositoryLocator locator, RepositoryLocks locks, GitCli git)
    {
        this.locator = locator;
        this.locks = locks;
        this.git = git;
    }

    public async Task<WorktreeMergeResult> MergeAsync(string path, string? baseBranch, string? message, MergeStrategy strategy, CancellationToken cancellationToken)
    {
        var location = locator.Locate(path);
        using var held = await locks.AcquireAsync(location, cancellationToken);
        var plan = await Task.Run(() => Plan(location, baseBranch, message, strategy), cancellationToken);
        if (plan.Result is not null)
        {
            return plan.Result;
        }

        var checkedOutAt = (await git.RunCheckedAsync(location.Root, ["worktree", "list", "--porcelain"], cancellationToken)) is { } porcelain
            ? WorktreeListing.Parse(porcelain).FirstOrDefault(l => l.Branch == plan.Base && !l.Prunable)
            : null;
        if (checkedOutAt is not null)
        {
            // The git CLI: the base branch is checked out, so its index and files must move with it. git's
            // fast-forward to the prepared commit is a safe two-way checkout that keeps unrelated local changes
            // and refuses, changing nothing, when one would be overwritten; libgit2 has no such update.
            var result = await git.RunAsync(checkedOutAt.Path, ["merge", "--ff-only", "--quiet", "--", plan.Target!], cancellationToken);
            if (result.ExitCode != 0)
            {
                return new WorktreeMergeResult
                {
                    Committed = plan.Committed,
                    Merged = false,
                    Conflicts = [],
                    Reason = $"'{plan.Base}' is checked out at '{checkedOutAt.Path}' with local changes the merge would overwrite: {result.StandardError.Trim()}",
                };
            }
        }
        else
        {
            await Task.Run(
                () =>
                {
                    using var repo = new Repository(location.Root);
                    repo.Refs.UpdateTarget(repo.Refs["refs/heads/" + plan.Base], new ObjectId(plan.Target), $"maestro: merge {plan.Source}");
                },
                cancellationToken);
        }

        return new WorktreeMergeResult { Committed = plan.Committed, Merged = true, FastForward = plan.FastForward, Head = plan.Target, Conflicts = [] };
    }

    private static MergePlan Plan(GitRepositoryPath location, string? baseBranch, string? message, MergeStrategy strategy)
    {
        using var repo = new Repository(location.Root);
        if (repo.Info.IsHeadDetached || repo.Head.Tip is null)
        {
            throw new InvalidParamsException($"'{location.Root}' is not on a branch with commits; there is nothing to merge back.");
        }

        var signature = Signature(location);
        string? committed = null;
        if (message is not null)
        {
            if (string.IsNullOrWhiteSpace(message))
            {
                throw new InvalidParamsException("The commit message is empty.");
            }

            try
            {
                committed = repo.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = false }).Sha;
            }
            catch (EmptyCommitException)
            {
                // Nothing accepted since the last commit: merge what is committed.
            }
        }

        var source = repo.Head.FriendlyName;
        var target = baseBranch
            ?? RecordedBase(location, source)
            ?? MainBranch(location)
            ?? throw new InvalidParamsException("The main worktree is on a detached head; name the base branch to merge into.");
        if (target == source)
        {
            throw new InvalidParamsException($"'{source}' cannot be merged into itself; name another base branch.");
        }

        var baseRef = repo.Branches[target] is { IsRemote: false } b ? b : throw new InvalidParamsException($"'{target}' is not a local branch.");
        var ours = baseRef.Tip;
        var theirs = repo.Head.Tip;
        var mergeBase = repo.ObjectDatabase.FindMergeBase(ours, theirs);
        if (mergeBase?.Id == theirs.Id)
        {
            return new MergePlan(target, source, committed, null, false,
                new WorktreeMergeResult { Committed = committed, Merged = true, Head = ours.Sha, Conflicts = [], Reason = $"'{target}' already contains '{source}'." });
        }

        if (mergeBase?.Id == ours.Id && strategy != MergeStrategy.MergeCommit)
        {
            return new MergePlan(target, source, committed, theirs.Sha, true, null);
        }

        if (strategy == MergeStrategy.FastForwardOnly)
        {
            return new MergePlan(target, source, committed, null, false,
                new WorktreeMergeResult { Committed = committed, Merged = false, Conflicts = [], Reason = $"'{target}' has moved on since '{source}' branched; a fast-forward is not possible." });
        }

        var merge = repo.ObjectDatabase.MergeCommits(ours, theirs, new MergeTreeOptions { FailOnConflict = false });
        if (merge.Status == MergeTreeStatus.Conflicts)
        {
            var conflicts = merge.Conflicts
                .Select(c => c.Ours?.Path ?? c.Theirs?.Path ?? c.Ancestor?.Path)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            return new MergePlan(target, source, committed, null, false,
                new WorktreeMergeResult { Committed = committed, Merged = false, Conflicts = conflicts, Reason = $"Merging '{source}' into '{target}' conflicts in {conflicts.Count} path(s); nothing was merged." });
        }

        var commit = repo.ObjectDatabase.CreateCommit(signature, signature, $"Merge branch '{source}' into {target}\n", merge.Tree, [ours, theirs], prettifyMessage: true);
        return new MergePlan(target, source, committed, commit.Sha, false, null);
    }

    /// <summary>The user's identity from the shared config (see <see cref="RecordedBase"/>), else Maestro's own.</summary>
    private static Signature Signature(GitRepositoryPath location)
    {
        using var main = new Repository(WorktreeService.MainRoot(location));
        return main.Config.BuildSignature(DateTimeOffset.Now) ?? new Signature("Maestro", "maestro@localhost", DateTimeOffset.Now);
    }

    /// <summary>The branch <paramref name="branch"/> was created from by <see cref="WorktreeService.CreateAsync"/>.</summary>
    private static string? RecordedBase(GitRepositoryPath location, string branch)
    {
        // Read through the main repository: libgit2 opened on a linked worktree's git directory does not
        // see the shared config.
        using var main = new Repository(WorktreeService.MainRoot(location));
        return main.Config.Get<string>($"branch.{branch}.{WorktreeService.BaseConfigSuffix}")?.Value;
    }

    private static string? MainBranch(GitRepositoryPath location)
    {
        using var main = new Repository(WorktreeService.MainRoot(location));
        return main.Info.IsHeadDetached ? null : main.Head.FriendlyName;
    }

    /// <summary>What to do: move <see cref="Base"/> to <see cref="Target"/>, or answer <see cref="Result"/> as is.</summary>
    private sealed record MergePlan(string Base, string Source, string? Committed, string? Target, bool FastForward, WorktreeMergeResult? Result);
}
