using LibGit2Sharp;
using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Git.Errors;

namespace Maestro.Server.Git.Review;

/// <summary>
/// Review with the index as the baseline: the changes are the working tree against the index; accept stages
/// hunks (the baseline moves), reject restores them from the index into the working file. Nothing is stored
/// besides what git stores, so any git tool sees the same state. docs/review.md has the decisions.
/// </summary>
public sealed class ReviewService
{
    private readonly RepositoryLocator locator;
    private readonly RepositoryLocks locks;
    private readonly GitCli git;
    private readonly ReviewWatcher watcher;

    public ReviewService(RepositoryLocator locator, RepositoryLocks locks, GitCli git, ReviewWatcher watcher)
    {
        this.locator = locator;
        this.locks = locks;
        this.git = git;
        this.watcher = watcher;
    }

    /// <param name="watch">
    /// Keep telling the clients when this tree changes (<c>review/changed</c>): an editor reviewing it wants that;
    /// a one-shot look (the CLI) does not, and spares the file watcher.
    /// </param>
    public async Task<ReviewChangesResult> ChangesAsync(string cwd, IReadOnlyList<string>? paths, bool watch, CancellationToken cancellationToken)
    {
        var location = locator.Locate(cwd);
        var selectors = paths?.Select(p => RepositoryLocator.ToRelative(location, p)).ToList();
        if (watch)
        {
            watcher.Watch(location);
        }

        var entries = await ReviewCollector.CollectAsync(git, location, selectors, cancellationToken);
        return new ReviewChangesResult { Files = [.. entries.Select(ReviewWire.ToFile)] };
    }

    /// <summary>Stages exactly the selected hunks and files; returns how many hunks (or hunk-less files) were staged.</summary>
    public Task<int> AcceptAsync(string cwd, IReadOnlyList<string>? hunkIds, IReadOnlyList<string>? paths, CancellationToken cancellationToken)
        => ApplyAsync(cwd, hunkIds, paths, accept: true, cancellationToken);

    /// <summary>Restores exactly the selected hunks and files from the index; returns how many were restored.</summary>
    public Task<int> RejectAsync(string cwd, IReadOnlyList<string>? hunkIds, IReadOnlyList<string>? paths, CancellationToken cancellationToken)
        => ApplyAsync(cwd, hunkIds, paths, accept: false, cancellationToken);

    private async Task<int> ApplyAsync(string cwd, IReadOnlyList<string>? hunkIds, IReadOnlyList<string>? paths, bool accept, CancellationToken cancellationToken)
    {
        if ((hunkIds is null || hunkIds.Count == 0) && (paths is null || paths.Count == 0))
        {
            throw new InvalidParamsException($"Name what to {(accept ? "accept" : "reject")}: hunkIds, paths, or both (\".\" for every file).");
        }

        var location = locator.Locate(cwd);
        var selectors = paths?.Select(p => RepositoryLocator.ToRelative(location, p)).ToList() ?? [];
        int count;
        List<string> touched;
        using (await locks.AcquireAsync(location, cancellationToken))
        {
            // With hunk ids every file may hold one; with paths alone only those need diffing.
            var entries = await ReviewCollector.CollectAsync(git, location, hunkIds is { Count: > 0 } ? null : selectors, cancellationToken);
            (count, touched) = await Task.Run(() => Apply(location, entries, hunkIds ?? [], selectors, accept), cancellationToken);
        }

        if (touched.Count > 0)
        {
            watcher.Touch(location, touched);
        }

        return count;
    }

    private static (int Count, List<string> Touched) Apply(GitRepositoryPath location, List<ReviewEntry> entries, IReadOnlyList<string> hunkIds, List<string> selectors, bool accept)
    {
        using var repo = new Repository(location.Root);

        // Resolve the whole selection before writing anything: a stale id changes nothing.
        var byId = new Dictionary<string, (ReviewEntry Entry, DiffHunk Hunk)>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var hunk in entry.Hunks)
            {
                byId[hunk.Id] = (entry, hunk);
            }
        }

        var stale = hunkIds.Where(id => !byId.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (stale.Count > 0)
        {
            throw new StaleHunkException(stale);
        }

        var wholeFiles = entries.Where(e => selectors.Any(e.MatchedBy)).ToList();
        var partial = hunkIds
            .Distinct(StringComparer.Ordinal)
            .Select(id => byId[id])
            .Where(x => !wholeFiles.Contains(x.Entry))
            .GroupBy(x => x.Entry)
            .Select(g => (Entry: g.Key, Hunks: g.Select(x => x.Hunk).ToList()))
            .ToList();
        if (wholeFiles.Concat(partial.Select(p => p.Entry)).FirstOrDefault(e => e.Status == ChangeStatus.Conflicted) is { } conflicted)
        {
            throw new InvalidParamsException($"'{conflicted.Path}' is in conflict; resolve the conflict with git before reviewing it.");
        }

        var writer = new ReviewWriter(repo, location);
        var count = 0;
        foreach (var entry in wholeFiles)
        {
            if (accept)
            {
                writer.AcceptFile(entry);
            }
            else
            {
                writer.RejectFile(entry);
            }

            count += Math.Max(1, entry.Hunks.Count);
        }

        foreach (var (entry, hunks) in partial)
        {
            if (accept)
            {
                writer.AcceptHunks(entry, hunks);
            }
            else
            {
                writer.RejectHunks(entry, hunks);
            }

            count += hunks.Count;
        }

        writer.Commit();
        var touched = wholeFiles.Concat(partial.Select(p => p.Entry))
            .SelectMany(e => e.OldPath is null ? [e.Path] : new[] { e.Path, e.OldPath })
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return (count, touched);
    }
}
