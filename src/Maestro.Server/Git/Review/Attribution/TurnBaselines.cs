using System.Collections.Concurrent;
using Maestro.Server.Sessions;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// Attribution: at each turn's start the session's repository is snapshotted as a git tree (<see cref="FolderSnapshot"/>),
/// and again at its end; every file that differs between the two (inside the session's folder) is an agent change of
/// that turn, stored with both versions. What the user edits after the turn is never part of it. When turns of two
/// sessions overlap in one repository, each keeps only the files its own agent reported changing.
/// </summary>
public sealed class TurnBaselines : ITurnObserver
{
    private readonly RepositoryLocator locator;
    private readonly FolderSnapshot snapshot;
    private readonly AttributionStore store;
    private readonly GitCli git;
    private readonly ReviewWatcher watcher;
    private readonly ILogger<TurnBaselines> logger;
    private readonly ConcurrentDictionary<(string Session, string Turn), ActiveTurn> active = new();

    public TurnBaselines(RepositoryLocator locator, FolderSnapshot snapshot, Storage.MaestroDatabase database, GitCli git, ReviewWatcher watcher, ILogger<TurnBaselines> logger)
    {
        this.locator = locator;
        this.snapshot = snapshot;
        store = new AttributionStore(database);
        this.git = git;
        this.watcher = watcher;
        this.logger = logger;
    }

    public async Task TurnStartingAsync(string sessionId, string turnId, string workingDirectory, CancellationToken cancellationToken)
    {
        try
        {
            GitRepositoryPath repository;
            try
            {
                repository = locator.Locate(workingDirectory);
            }
            catch (Errors.NotARepositoryException)
            {
                return; // outside git nothing is reviewed
            }

            var folder = RepositoryLocator.ToRelative(repository, workingDirectory);
            var tree = await snapshot.TakeAsync(repository, cancellationToken);
            await store.StartTurnAsync(sessionId, turnId, repository.Root, folder, tree, cancellationToken);
            var turn = new ActiveTurn(sessionId, turnId, repository, folder, tree);
            foreach (var other in active.Values.Where(t => t.Repository.Root == repository.Root))
            {
                other.Overlapped = true;
                turn.Overlapped = true;
            }

            active[(sessionId, turnId)] = turn;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "No review baseline for turn {Turn} of session {Session}", turnId, sessionId);
        }
    }

    public void FileReported(string sessionId, string turnId, string path)
    {
        if (active.TryGetValue((sessionId, turnId), out var turn))
        {
            var absolute = Path.IsPathRooted(path) ? path : Path.Combine(turn.Repository.Absolute(turn.Folder), path);
            var relative = Path.GetRelativePath(turn.Repository.Root, Path.GetFullPath(absolute)).Replace(Path.DirectorySeparatorChar, '/');
            turn.Reported[relative] = true;
        }
    }

    public async Task TurnEndedAsync(string sessionId, string turnId, CancellationToken cancellationToken)
    {
        if (!active.TryRemove((sessionId, turnId), out var turn))
        {
            return;
        }

        try
        {
            var endTree = await snapshot.TakeAsync(turn.Repository, cancellationToken);
            var changed = await ChangedFilesAsync(turn, endTree, cancellationToken);
            if (turn.Overlapped)
            {
                changed = changed.Where(c => turn.Reported.ContainsKey(c.Path)).ToList();
            }

            await store.EndTurnAsync(sessionId, turnId, endTree, changed, cancellationToken);
            if (changed.Count > 0)
            {
                watcher.Touch(turn.Repository, changed.Select(c => c.Path));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "No review attribution for turn {Turn} of session {Session}", turnId, sessionId);
        }
    }

    public async Task SessionDeletedAsync(string sessionId, CancellationToken cancellationToken)
    {
        foreach (var key in active.Keys.Where(k => k.Session == sessionId))
        {
            active.TryRemove(key, out _);
        }

        var forgotten = await store.ForgetSessionAsync(sessionId, cancellationToken);
        foreach (var byRoot in forgotten.GroupBy(f => f.Root, StringComparer.Ordinal))
        {
            try
            {
                // Its hunks are no longer agent changes: editors showing them refresh.
                watcher.Touch(locator.Locate(byRoot.Key), byRoot.Select(f => f.Path));
            }
            catch (Errors.NotARepositoryException)
            {
                // the repository is gone; nothing shows its hunks
            }
        }
    }

    /// <summary>The regular files (and symlinks) that differ between the turn's start and end trees, inside its folder.</summary>
    private async Task<List<AgentChange>> ChangedFilesAsync(ActiveTurn turn, string endTree, CancellationToken cancellationToken)
    {
        List<string> arguments = ["diff-tree", "-r", "-z", "--no-renames", turn.StartTree, endTree];
        if (turn.Folder.Length > 0)
        {
            arguments.AddRange(["--", turn.Folder]);
        }

        var output = await git.RunCheckedAsync(turn.Repository.Root, arguments, cancellationToken);
        var fields = output.Split('\0');
        var changes = new List<AgentChange>();
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            // ":<old mode> <new mode> <old sha> <new sha> <status>" then the path.
            var meta = fields[i].TrimStart(':').Split(' ');
            if (meta.Length < 5 || meta[0] == "160000" || meta[1] == "160000")
            {
                continue; // submodules are reviewed in their own repository
            }

            changes.Add(new AgentChange(turn.SessionId, turn.TurnId, turn.Repository.Root, fields[i + 1], Blob(meta[0], meta[2]), Blob(meta[1], meta[3])));
        }

        return changes;
    }

    private static string? Blob(string mode, string sha) => mode == "000000" ? null : sha;
}
