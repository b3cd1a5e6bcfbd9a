using Microsoft.Extensions.Logging;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// The paths of a working tree that changed since they were last taken, from a file watcher, so a turn's snapshot
/// re-reads only those instead of walking every file. It is trusted only while the watcher is whole: an overflow or a
/// watcher error makes the next snapshot a full one. A barrier (a file created in the git folder, whose event comes
/// after every event before it, the watcher reading one queue in order) makes sure the journal has seen every change
/// made before the snapshot began.
/// </summary>
internal sealed class ChangeJournal : IDisposable
{
    private readonly string root;
    private readonly string barrierFolder;
    private readonly FileSystemWatcher watcher;
    private readonly Lock gate = new();
    private HashSet<string> changed = new(StringComparer.Ordinal);
    private bool broken;
    private TaskCompletionSource? barrier;
    private string? barrierPath;

    private ChangeJournal(string root, string barrierFolder, ILogger logger)
    {
        this.root = root;
        this.barrierFolder = barrierFolder;
        watcher = WorkingTreeWatcher.Create(root, OnEvent, error =>
        {
            logger.LogInformation("The change journal of {Root} lost track ({Reason}); the next turn snapshot walks the whole tree", root, error.Message);
            lock (gate)
            {
                broken = true;
            }
        });
    }

    /// <summary>
    /// A journal of <paramref name="repository"/>, or null where it cannot be trusted: a linked worktree (its git
    /// folder, where the barrier goes, lies outside the watched tree) or a watcher that cannot start (inotify limits).
    /// </summary>
    public static ChangeJournal? Start(GitRepositoryPath repository, ILogger logger)
    {
        var gitFolder = Path.Combine(repository.Root, ".git");
        if (!Directory.Exists(gitFolder) || !string.Equals(Path.GetFullPath(repository.GitDir).TrimEnd(Path.DirectorySeparatorChar), gitFolder, StringComparison.Ordinal))
        {
            return null;
        }

        ChangeJournal? journal = null;
        try
        {
            journal = new ChangeJournal(repository.Root, gitFolder, logger);
            journal.watcher.EnableRaisingEvents = true;
            return journal;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            logger.LogInformation("No change journal for {Root} ({Reason}); turn snapshots walk the whole tree", repository.Root, ex.Message);
            journal?.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Waits until every change made before this call is in the journal. False when the journal cannot be trusted
    /// (it broke, or the barrier's event did not come in time): the caller then walks the whole tree.
    /// </summary>
    public async Task<bool> BarrierAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = Path.Combine(barrierFolder, $"maestro-barrier-{Guid.NewGuid():N}");
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (broken)
            {
                return false;
            }

            barrier = reached;
            barrierPath = path;
        }

        try
        {
            await File.WriteAllBytesAsync(path, [], cancellationToken);
            await reached.Task.WaitAsync(timeout, cancellationToken);
            lock (gate)
            {
                return !broken;
            }
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            lock (gate)
            {
                barrier = null;
                barrierPath = null;
            }

            File.Delete(path);
        }
    }

    /// <summary>The watcher lost track of changes (an overflow or an error): only a fresh journal can be trusted.</summary>
    public bool IsBroken
    {
        get
        {
            lock (gate)
            {
                return broken;
            }
        }
    }

    /// <summary>The paths changed since the last call (relative, '/'-separated; folders stand for all below them).</summary>
    public IReadOnlyCollection<string> Take()
    {
        lock (gate)
        {
            var taken = changed;
            changed = new HashSet<string>(StringComparer.Ordinal);
            return taken;
        }
    }

    public void Dispose() => watcher.Dispose();

    private void OnEvent(string fullPath)
    {
        lock (gate)
        {
            if (barrierPath is not null && string.Equals(fullPath, barrierPath, StringComparison.Ordinal))
            {
                barrier?.TrySetResult();
                return;
            }
        }

        var relative = Path.GetRelativePath(root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        if (relative == ".git" || relative.StartsWith(".git/", StringComparison.Ordinal) || relative.StartsWith("..", StringComparison.Ordinal))
        {
            return;
        }

        lock (gate)
        {
            changed.Add(relative);
        }
    }
}
