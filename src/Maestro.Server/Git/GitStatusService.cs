using LibGit2Sharp;
using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Git;

/// <summary>Read-only views of a repository: status with ahead/behind, log, branches. All through libgit2.</summary>
public sealed class GitStatusService
{
    private const int DefaultLogLimit = 50;
    private const int MaxLogLimit = 10_000;
    private readonly RepositoryLocator locator;

    public GitStatusService(RepositoryLocator locator)
    {
        this.locator = locator;
    }

    public Task<GitStatusResult> StatusAsync(string cwd, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var location = locator.Locate(cwd);
            using var repo = new Repository(location.Root);
            var head = repo.Head;
            var tip = head.Tip;
            var tracking = head.IsTracking && tip is not null ? head.TrackingDetails : null;
            var status = repo.RetrieveStatus(new StatusOptions
            {
                Show = StatusShowOption.IndexAndWorkDir,
                IncludeUntracked = true,
                RecurseUntrackedDirs = true,
                ExcludeSubmodules = true,
                DetectRenamesInIndex = true,
                DetectRenamesInWorkDir = false,
            });
            cancellationToken.ThrowIfCancellationRequested();
            var changes = new List<GitChange>();
            foreach (var entry in status)
            {
                changes.AddRange(GitChanges.From(entry));
            }

            return new GitStatusResult
            {
                Root = location.Root,
                Branch = repo.Info.IsHeadDetached ? null : head.FriendlyName,
                Head = tip?.Sha,
                Ahead = tracking?.AheadBy ?? 0,
                Behind = tracking?.BehindBy ?? 0,
                Changes = changes,
            };
        },
        cancellationToken);

    public Task<GitLogResult> LogAsync(string cwd, int? limit, string? reference, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            if (limit is <= 0 or > MaxLogLimit)
            {
                throw new InvalidParamsException($"limit must be between 1 and {MaxLogLimit}; it was {limit}.");
            }

            var location = locator.Locate(cwd);
            using var repo = new Repository(location.Root);
            Commit? start;
            if (reference is null)
            {
                start = repo.Head.Tip;
            }
            else
            {
                start = repo.Lookup(reference)?.Peel<Commit>()
                    ?? throw new InvalidParamsException($"'{reference}' names no commit in '{location.Root}'.");
            }

            if (start is null)
            {
                return new GitLogResult { Commits = [] };
            }

            var commits = repo.Commits
                .QueryBy(new CommitFilter { IncludeReachableFrom = start, SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time })
                .Take(limit ?? DefaultLogLimit)
                .Select(c => new GitCommit { Sha = c.Sha, Summary = c.MessageShort, Author = c.Author.Name, Time = c.Author.When.ToUniversalTime() })
                .ToList();
            return new GitLogResult { Commits = commits };
        },
        cancellationToken);

    public Task<GitBranchesResult> BranchesAsync(string cwd, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var location = locator.Locate(cwd);
            using var repo = new Repository(location.Root);
            var branches = repo.Branches
                .Where(b => !b.IsRemote && b.Tip is not null)
                .Select(b => new GitBranch
                {
                    Name = b.FriendlyName,
                    Sha = b.Tip.Sha,
                    IsHead = b.IsCurrentRepositoryHead,
                    Upstream = b.IsTracking ? b.TrackedBranch?.FriendlyName : null,
                })
                .OrderBy(b => b.Name, StringComparer.Ordinal)
                .ToList();
            return new GitBranchesResult { Branches = branches };
        },
        cancellationToken);
}
