using System.Collections.Concurrent;
using LibGit2Sharp;
using Maestro.Protocol;
using Maestro.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Git.Review;

/// <summary>
/// Watches the working trees clients review and sends <c>review/changed</c> to every client when files in them
/// change, at most once per debounce interval per tree, so editors refresh their inline diffs. A tree is
/// watched from the first <c>review/changes</c> on it until the server stops.
/// </summary>
public sealed class ReviewWatcher : IDisposable
{
    private readonly ConnectionRegistry connections;
    private readonly ILogger<ReviewWatcher> logger;
    private readonly ConcurrentDictionary<string, WatchedTree> trees = new(StringComparer.Ordinal);

    public ReviewWatcher(ConnectionRegistry connections, ILogger<ReviewWatcher> logger)
    {
        this.connections = connections;
        this.logger = logger;
    }

    /// <summary>How long a burst of changes is collected before one notification goes out.</summary>
    public static TimeSpan Debounce { get; } = TimeSpan.FromMilliseconds(150);

    public void Watch(GitRepositoryPath repository)
    {
        trees.GetOrAdd(repository.Root, _ => new WatchedTree(repository, this));
    }

    /// <summary>Reports paths Maestro itself changed (an accept moves only the index, which no file event shows).</summary>
    public void Touch(GitRepositoryPath repository, IEnumerable<string> paths)
    {
        if (trees.TryGetValue(repository.Root, out var tree))
        {
            tree.Add(paths);
        }
        else
        {
            Send(repository.Root, [.. paths]);
        }
    }

    public void Dispose()
    {
        foreach (var tree in trees.Values)
        {
            tree.Dispose();
        }

        trees.Clear();
    }

    private void Send(string root, IReadOnlyList<string> paths)
    {
        try
        {
            connections.PostToAll(Methods.ReviewChanged, new ReviewChangedNotification { Cwd = root, Paths = paths });
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "review/changed for {Root} not sent", root);
        }
    }

    private sealed class WatchedTree : IDisposable
    {
        private readonly GitRepositoryPath repository;
        private readonly ReviewWatcher owner;
        private readonly FileSystemWatcher watcher;
        private readonly Timer timer;
        private readonly HashSet<string> pending = new(StringComparer.Ordinal);

        public WatchedTree(GitRepositoryPath repository, ReviewWatcher owner)
        {
            this.repository = repository;
            this.owner = owner;
            timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
            watcher = WorkingTreeWatcher.Create(
                repository.Root,
                OnEvent,
                error => owner.logger.LogWarning(error, "File watcher on {Root} failed; review/changed may be missed", repository.Root));
            watcher.EnableRaisingEvents = true;
        }

        public void Add(IEnumerable<string> relativePaths)
        {
            lock (pending)
            {
                pending.UnionWith(relativePaths);
            }

            timer.Change(Debounce, Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            watcher.Dispose();
            timer.Dispose();
        }

        private void OnEvent(string fullPath)
        {
            var relative = Path.GetRelativePath(repository.Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith("..", StringComparison.Ordinal) || relative == ".git" || relative.StartsWith(".git/", StringComparison.Ordinal)
                || Path.GetFileName(relative).Contains(".maestro-", StringComparison.Ordinal))
            {
                return;
            }

            Add([relative]);
        }

        private void Flush()
        {
            string[] paths;
            lock (pending)
            {
                paths = [.. pending];
                pending.Clear();
            }

            if (paths.Length == 0)
            {
                return;
            }

            var reported = WithoutIgnored(paths);
            if (reported.Count > 0)
            {
                owner.Send(repository.Root, reported);
            }
        }

        private List<string> WithoutIgnored(string[] paths)
        {
            try
            {
                using var repo = new Repository(repository.Root);
                return [.. paths.Where(p => !repo.Ignore.IsPathIgnored(p)).Order(StringComparer.Ordinal)];
            }
            catch (LibGit2SharpException)
            {
                return [.. paths.Order(StringComparer.Ordinal)];
            }
        }
    }
}
