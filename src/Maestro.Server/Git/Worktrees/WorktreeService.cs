using LibGit2Sharp;
using Maestro.Server.Errors;
using Maestro.Server.Git.Errors;
using ProtocolWorktree = Maestro.Protocol.Worktree;
using WorktreeRemoveResult = Maestro.Protocol.WorktreeRemoveResult;

namespace Maestro.Server.Git.Worktrees;

/// <summary>
/// Git worktrees so that several agents change one repository at once: create (a new branch from a base),
/// list, remove (never losing uncommitted work without force) and prune. Sessions and runs call
/// <see cref="CreateAsync"/> for a fresh worktree of their own.
/// </summary>
public sealed class WorktreeService
{
    /// <summary>The git config key (in the repository) of the folder new worktrees go under, instead of <c>&lt;repo&gt;.worktrees</c>.</summary>
    public const string WorktreeRootConfigKey = "maestro.worktreeRoot";

    /// <summary>Per branch, the branch it was created from: the default target of a merge back.</summary>
    internal const string BaseConfigSuffix = "maestroBase";

    private readonly RepositoryLocator locator;
    private readonly GitCli git;

    public WorktreeService(RepositoryLocator locator, GitCli git)
    {
        this.locator = locator;
        this.git = git;
    }

    public async Task<IReadOnlyList<ProtocolWorktree>> ListAsync(string repository, CancellationToken cancellationToken)
    {
        var location = locator.Locate(repository);
        var listings = await ListingsAsync(location, cancellationToken);
        return await Task.Run(
            () => listings.Where(l => !l.Bare).Select((l, i) => new ProtocolWorktree
            {
                Path = l.Path,
                Branch = l.Branch,
                Head = l.Head,
                Dirty = !l.Prunable && Directory.Exists(l.Path) && DirtyPaths(l.Path, limit: 1).Count > 0,
                Locked = l.Locked,
                IsMain = i == 0,
            }).ToList(),
            cancellationToken);
    }

    /// <summary>Creates a worktree on a new branch.</summary>
    /// <param name="repository">Any path inside the repository or one of its worktrees.</param>
    /// <param name="branch">The new branch, e.g. <c>maestro/fix-login</c>; it must not exist yet.</param>
    /// <param name="baseRef">The commit-ish the branch starts from; HEAD when null.</param>
    /// <param name="path">Where the worktree goes; <c>&lt;repo&gt;.worktrees/&lt;branch&gt;</c> beside the main worktree (or under <c>maestro.worktreeRoot</c>) when null.</param>
    public async Task<ProtocolWorktree> CreateAsync(string repository, string branch, string? baseRef, string? path, CancellationToken cancellationToken)
    {
        BranchName.Validate(branch);
        if (path is not null && !Path.IsPathFullyQualified(path))
        {
            throw new InvalidParamsException($"'{path}' is not an absolute path; give the full path of the new worktree's folder.");
        }

        var location = locator.Locate(repository);
        var mainRoot = MainRoot(location);
        string target;
        string baseSha;
        string? baseBranch;
        using (var repo = new Repository(location.Root))
        {
            if (!Reference.IsValidName("refs/heads/" + branch))
            {
                throw new InvalidParamsException($"'{branch}' is not a valid branch name.");
            }

            if (repo.Branches[branch] is not null)
            {
                throw new InvalidParamsException($"The branch '{branch}' already exists in '{mainRoot}'; choose a new name.");
            }

            var baseCommit = (baseRef is null ? repo.Head.Tip : repo.Lookup(baseRef)?.Peel<Commit>())
                ?? throw new InvalidParamsException(baseRef is null
                    ? $"'{mainRoot}' has no commit yet; a worktree needs a base commit."
                    : $"'{baseRef}' names no commit in '{mainRoot}'.");
            baseSha = baseCommit.Sha;
            baseBranch = baseRef is null
                ? (repo.Info.IsHeadDetached ? null : repo.Head.FriendlyName)
                : repo.Branches[baseRef] is { IsRemote: false } b ? b.FriendlyName : null;
            target = path is not null ? Path.GetFullPath(path) : DefaultTarget(repo, mainRoot, branch);
        }

        EnsureUsableTarget(location, mainRoot, target);

        // The git CLI: LibGit2Sharp's worktree add names the branch after the worktree's admin folder (no
        // slashes), makes a throwaway branch when asked for another, and checks out slower than git does.
        await git.RunOnRequestAsync(mainRoot, ["worktree", "add", "--quiet", "-b", branch, "--", target, baseSha], cancellationToken);
        if (baseBranch is not null)
        {
            using var repo = new Repository(location.Root);
            repo.Config.Set($"branch.{branch}.{BaseConfigSuffix}", baseBranch, ConfigurationLevel.Local);
        }

        return new ProtocolWorktree { Path = RealPath.Resolve(target), Branch = branch, Head = baseSha, Dirty = false, Locked = false };
    }

    /// <summary>
    /// A worktree of an existing branch, for a run that goes on where an earlier one (or a person) left the branch: the
    /// linked worktree it is checked out in, else a new one of it where <see cref="CreateAsync"/> would put it.
    /// </summary>
    /// <returns>Null when the branch does not exist (then <see cref="CreateAsync"/> makes it).</returns>
    /// <exception cref="InvalidParamsException">The branch is checked out in the main worktree.</exception>
    public async Task<ProtocolWorktree?> OfExistingBranchAsync(string repository, string branch, CancellationToken cancellationToken)
    {
        BranchName.Validate(branch);
        var location = locator.Locate(repository);
        var mainRoot = MainRoot(location);
        var listings = (await ListingsAsync(location, cancellationToken)).Where(l => !l.Bare).ToList();
        var index = listings.FindIndex(l => l.Branch == branch && !l.Prunable);
        if (index == 0)
        {
            throw new InvalidParamsException($"The branch '{branch}' is checked out in '{mainRoot}' itself; run there without a worktree, or name another branch.");
        }

        if (index > 0)
        {
            var found = listings[index];
            return new ProtocolWorktree { Path = RealPath.Resolve(found.Path), Branch = branch, Head = found.Head, Dirty = false, Locked = found.Locked };
        }

        string target;
        string head;
        using (var repo = new Repository(location.Root))
        {
            if (!Reference.IsValidName("refs/heads/" + branch) || repo.Branches[branch] is not { IsRemote: false } existing)
            {
                return null;
            }

            head = existing.Tip.Sha;
            target = DefaultTarget(repo, mainRoot, branch);
        }

        EnsureUsableTarget(location, mainRoot, target);
        // A stale entry (its folder deleted by hand) would keep git from checking the branch out again.
        await git.RunCheckedAsync(mainRoot, ["worktree", "prune"], cancellationToken);
        await git.RunOnRequestAsync(mainRoot, ["worktree", "add", "--quiet", "--", target, branch], cancellationToken);
        return new ProtocolWorktree { Path = RealPath.Resolve(target), Branch = branch, Head = head, Dirty = false, Locked = false };
    }

    /// <summary>Where a new worktree of <paramref name="branch"/> goes: <c>&lt;repo&gt;.worktrees/&lt;branch&gt;</c>, or under <c>maestro.worktreeRoot</c>.</summary>
    private static string DefaultTarget(Repository repo, string mainRoot, string branch)
        => Path.GetFullPath(Path.Combine(repo.Config.Get<string>(WorktreeRootConfigKey)?.Value is { Length: > 0 } configured
            ? Path.Combine(mainRoot, configured)
            : mainRoot + ".worktrees", branch));

    /// <summary>A new worktree's folder must be new or empty, and outside the repository's git directory.</summary>
    private static void EnsureUsableTarget(GitRepositoryPath location, string mainRoot, string target)
    {
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new InvalidParamsException($"'{target}' already exists and is not an empty folder.");
        }

        var commonDir = RealPath.Resolve(CommonDir(location));
        if (RealPath.IsUnder(RealPath.Resolve(target), commonDir))
        {
            throw new PathOutsideWorkspaceException(target, mainRoot);
        }
    }

    /// <summary>Removes a linked worktree and its folder; with <paramref name="deleteBranch"/>, then the branch it had checked out.</summary>
    /// <param name="force">Remove it even with uncommitted or untracked files or a lock; with <paramref name="deleteBranch"/>, delete the branch even unmerged.</param>
    /// <exception cref="WorktreeDirtyException">It has uncommitted or untracked files and <paramref name="force"/> is false; nothing was removed.</exception>
    /// <exception cref="BranchNotMergedException">The worktree was removed, but its branch has commits merged neither into its base nor into the main worktree's HEAD, and was kept.</exception>
    public async Task<WorktreeRemoveResult> RemoveAsync(string path, bool force, bool deleteBranch, CancellationToken cancellationToken)
    {
        var removed = await RemoveWorktreeAsync(path, force, deleteBranch, cancellationToken);
        var deleted = deleteBranch && await DeleteBranchAsync(removed, force, $"The worktree '{removed.Path}' was removed", cancellationToken);
        return removed.Result(deleted);
    }

    /// <summary>
    /// Removes a linked worktree and its folder; its branch and commits stay. With <paramref name="willDeleteBranch"/>, first
    /// refuses (InvalidParams, nothing removed) when its branch is also checked out elsewhere, since
    /// <see cref="DeleteBranchAsync"/> is to follow and must never delete a branch another worktree is on.
    /// </summary>
    /// <exception cref="WorktreeDirtyException">It has uncommitted or untracked files and <paramref name="force"/> is false.</exception>
    internal async Task<RemovedWorktree> RemoveWorktreeAsync(string path, bool force, bool willDeleteBranch, CancellationToken cancellationToken)
    {
        var location = locator.Locate(path);
        if (!string.Equals(RealPath.Resolve(path).TrimEnd(Path.DirectorySeparatorChar), location.Root, StringComparison.Ordinal))
        {
            throw new InvalidParamsException($"'{path}' is inside the worktree '{location.Root}', not the worktree itself; pass its root.");
        }

        if (!File.Exists(Path.Combine(location.GitDir, "commondir")))
        {
            throw new InvalidParamsException($"'{location.Root}' is a repository's main working tree, not a linked worktree; only linked worktrees are removed.");
        }

        var mainRoot = MainRoot(location);
        var listings = (await ListingsAsync(location, cancellationToken)).Where(l => !l.Bare).ToList();
        var branch = listings.FirstOrDefault(l => !l.Prunable && RealPath.Resolve(l.Path) == location.Root)?.Branch;
        if (willDeleteBranch && branch is not null)
        {
            // Only a forced `git worktree add` puts one branch in two worktrees; deleting it would pull it from under the other.
            var index = listings.FindIndex(l => l.Branch == branch && RealPath.Resolve(l.Path) != location.Root);
            if (index >= 0)
            {
                var where = index == 0 ? $"the main working tree '{listings[0].Path}'" : $"the worktree '{listings[index].Path}'";
                throw new InvalidParamsException($"The branch '{branch}' is also checked out in {where}, so it is never deleted; nothing was removed. Remove the worktree without deleting its branch.");
            }
        }

        if (!force)
        {
            var dirty = await Task.Run(() => DirtyPaths(location.Root, limit: int.MaxValue), cancellationToken);
            if (dirty.Count > 0)
            {
                throw new WorktreeDirtyException(location.Root, dirty);
            }

            if (File.Exists(Path.Combine(location.GitDir, "locked")))
            {
                // git writes the reason given to `git worktree lock --reason`, or nothing.
                var reason = (await File.ReadAllTextAsync(Path.Combine(location.GitDir, "locked"), cancellationToken)).Trim();
                throw new InvalidParamsException($"The worktree '{location.Root}' is locked{(reason.Length > 0 ? $" ({reason})" : string.Empty)}; unlock it with 'git worktree unlock {location.Root}', or pass force.");
            }
        }

        // The git CLI: libgit2 has no worktree remove, and its prune deletes a valid worktree's folder
        // without git's own safety checks (submodules, a worktree that moved). Our dirty check ran above.
        string[] arguments = force ? ["worktree", "remove", "--force", "--force", "--", location.Root] : ["worktree", "remove", "--", location.Root];
        await git.RunOnRequestAsync(mainRoot, arguments, cancellationToken);
        return new RemovedWorktree(location.Root, branch, mainRoot);
    }

    /// <summary>
    /// Deletes the branch of a worktree <see cref="RemoveWorktreeAsync"/> removed, the safe way unless <paramref name="force"/>:
    /// only when its commits are in the main worktree's HEAD (git's own rule for <c>git branch -d</c>, or its upstream's)
    /// or in the base it was made from (a worktree merged back while the main worktree is on another branch).
    /// </summary>
    /// <param name="done">What was done before, for the message of a refusal.</param>
    /// <returns>True: deleted. False: it had no branch.</returns>
    /// <exception cref="BranchNotMergedException">It has commits in neither HEAD nor its base (and no force); it is kept.</exception>
    internal async Task<bool> DeleteBranchAsync(RemovedWorktree removed, bool force, string done, CancellationToken cancellationToken)
    {
        if (removed.Branch is not { } branch)
        {
            return false;
        }

        // The git CLI: it refuses to delete a branch any worktree has checked out, which libgit2's delete does not check.
        if (force)
        {
            await ForceDeleteAsync(removed, done, cancellationToken);
            return true;
        }

        // Read before git deletes the branch's config section with it.
        string? recordedBase;
        using (var repo = new Repository(removed.MainRoot))
        {
            recordedBase = repo.Config.Get<string>($"branch.{branch}.{BaseConfigSuffix}")?.Value;
        }

        if ((await git.RunAsync(removed.MainRoot, ["branch", "-d", "--", branch], cancellationToken)).ExitCode == 0)
        {
            return true;
        }

        // git compared with the upstream when the branch has one; merged into HEAD or the base, the commits are safe all the same.
        if (await IsMergedIntoAsync(removed.MainRoot, branch, "HEAD", cancellationToken)
            || (recordedBase is not null && await IsMergedIntoAsync(removed.MainRoot, branch, "refs/heads/" + recordedBase, cancellationToken)))
        {
            await ForceDeleteAsync(removed, done, cancellationToken);
            return true;
        }

        var head = (await git.RunAsync(removed.MainRoot, ["symbolic-ref", "--quiet", "--short", "HEAD"], cancellationToken)) is { ExitCode: 0 } named
            ? named.StandardOutput.Trim()
            : "HEAD";
        var into = recordedBase is null || recordedBase == head ? $"'{head}'" : $"'{recordedBase}' (its base) or '{head}'";
        throw new BranchNotMergedException(done, removed.Path, branch, into, removed.MainRoot);
    }

    private async Task ForceDeleteAsync(RemovedWorktree removed, string done, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(removed.MainRoot, ["branch", "-D", "--", removed.Branch!], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new MaestroException($"{done}, but git could not delete its branch '{removed.Branch}': {result.StandardError.Trim()}");
        }
    }

    private async Task<bool> IsMergedIntoAsync(string mainRoot, string branch, string target, CancellationToken cancellationToken)
        => (await git.RunAsync(mainRoot, ["merge-base", "--is-ancestor", "refs/heads/" + branch, target], cancellationToken)).ExitCode == 0;

    /// <summary>Forgets worktrees whose folder is gone; returns their paths.</summary>
    public async Task<IReadOnlyList<string>> PruneAsync(string repository, CancellationToken cancellationToken)
    {
        var location = locator.Locate(repository);
        var stale = (await ListingsAsync(location, cancellationToken)).Where(l => l.Prunable).Select(l => l.Path).ToList();

        // The git CLI: libgit2's prune of a worktree also deletes its folder when asked to prune a valid one;
        // git's prune touches only entries whose folder is already gone.
        await git.RunCheckedAsync(MainRoot(location), ["worktree", "prune"], cancellationToken);
        var left = (await ListingsAsync(location, cancellationToken)).Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        return [.. stale.Where(p => !left.Contains(p))];
    }

    /// <summary>The files of a worktree that are not committed (changed, staged, deleted or untracked), at most <paramref name="limit"/>.</summary>
    internal static IReadOnlyList<string> DirtyPaths(string root, int limit)
    {
        using var repo = new Repository(root);
        var status = repo.RetrieveStatus(new StatusOptions
        {
            Show = StatusShowOption.IndexAndWorkDir,
            IncludeUntracked = true,
            RecurseUntrackedDirs = true,
            ExcludeSubmodules = true,
            IncludeIgnored = false,
        });
        return [.. status.Where(e => e.State is not FileStatus.Unaltered and not FileStatus.Ignored).Select(e => e.FilePath).Take(limit)];
    }

    /// <summary>The shared git directory: the main repository's, also for a linked worktree.</summary>
    internal static string CommonDir(GitRepositoryPath location)
    {
        var commonDirFile = Path.Combine(location.GitDir, "commondir");
        return File.Exists(commonDirFile)
            ? Path.GetFullPath(Path.Combine(location.GitDir, File.ReadAllText(commonDirFile).Trim()))
            : Path.GetFullPath(location.GitDir);
    }

    /// <summary>The main working tree of the repository that <paramref name="location"/> is in.</summary>
    internal static string MainRoot(GitRepositoryPath location)
    {
        var common = CommonDir(location).TrimEnd(Path.DirectorySeparatorChar);
        return Path.GetFileName(common) == ".git" ? RealPath.Resolve(Path.GetDirectoryName(common)!) : location.Root;
    }

    private async Task<List<WorktreeListing>> ListingsAsync(GitRepositoryPath location, CancellationToken cancellationToken)
    {
        // The git CLI: LibGit2Sharp's worktrees expose no path and leave out the main worktree; the porcelain
        // listing gives path, head, branch, lock and prunable state of all of them in one call.
        var output = await git.RunCheckedAsync(location.Root, ["worktree", "list", "--porcelain"], cancellationToken);
        return WorktreeListing.Parse(output);
    }
}
