using System.Collections.Concurrent;
using LibGit2Sharp;
using Maestro.Protocol;
using Maestro.Server.Sessions;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// Attribution: at each turn's start the session's repository is snapshotted as a git tree (<see cref="FolderSnapshot"/>),
/// and again at its end; every file that differs between the two (inside the session's folder) is an agent change of
/// that turn, stored with both versions. What the user edits after the turn is never part of it. When turns of two
/// sessions overlap in one repository, each keeps only the files its own agent reported changing, and of those only the
/// changes it was seen making (<see cref="OverlapLedger"/>): a file both agents edit is split between them.
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

    /// <summary>Per repository root while turns overlap there. Guarded by <see cref="gate"/>, as is every overlapping turn's own state.</summary>
    private readonly Dictionary<string, OverlapLedger> ledgers = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

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
            var looks = Looks(repository);
            var tree = await snapshot.TakeAsync(repository, cancellationToken);
            await store.StartTurnAsync(sessionId, turnId, repository.Root, folder, tree, cancellationToken);
            var turn = new ActiveTurn(sessionId, turnId, repository, folder, tree);
            lock (gate)
            {
                foreach (var other in active.Values.Where(t => t.Repository.Root == repository.Root))
                {
                    // What the other turn did until now is all its own: from here on only what it is seen doing.
                    other.OverlapTree ??= tree;
                    turn.OverlapTree = tree;
                }

                if (turn.Overlapped)
                {
                    Ledger(repository, tree).Rebase(tree, looks, path => Writing(repository, path, except: null));
                }

                active[(sessionId, turnId)] = turn;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "No review baseline for turn {Turn} of session {Session}", turnId, sessionId);
        }
    }

    public void FileReported(string sessionId, string turnId, string path)
    {
        if (!active.TryGetValue((sessionId, turnId), out var turn))
        {
            return;
        }

        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(turn.Repository.Absolute(turn.Folder), path);
        var relative = Path.GetRelativePath(turn.Repository.Root, Path.GetFullPath(absolute)).Replace(Path.DirectorySeparatorChar, '/');
        turn.Reported[relative] = true;
        Guarded(turn, () =>
        {
            // Reported by a tool that is still running (Claude Code reports an Edit before running it): the file is looked
            // at when the tool ends, not now, when the write may be half done.
            if (turn.RunningTool is { } tool)
            {
                (turn.Windows.TryGetValue(tool, out var paths) ? paths : turn.Windows[tool] = new HashSet<string>(StringComparer.Ordinal)).Add(relative);
            }
            else if (turn.Overlapped && ledgers.TryGetValue(turn.Repository.Root, out var ledger))
            {
                ledger.Look(turn, relative);
            }
        });
    }

    public void ToolCallReported(string sessionId, string turnId, string toolCallId, ToolCallStatus status)
    {
        if (!active.TryGetValue((sessionId, turnId), out var turn))
        {
            return;
        }

        Guarded(turn, () =>
        {
            // A file report follows its tool call's event: reported by a running one, the write is still to come;
            // by a finished one (Codex, OpenCode, ACP report edits done), it has landed.
            var running = status is ToolCallStatus.Pending or ToolCallStatus.InProgress;
            turn.RunningTool = running ? toolCallId : null;
            if (running)
            {
                return;
            }

            // The tool's writes have landed: what changed in its files since they were reported is this turn's.
            if (turn.Windows.Remove(toolCallId, out var paths) && turn.Overlapped && ledgers.TryGetValue(turn.Repository.Root, out var ledger))
            {
                foreach (var path in paths)
                {
                    ledger.Look(turn, path);
                }
            }
        });
    }

    public async Task TurnEndedAsync(string sessionId, string turnId, CancellationToken cancellationToken)
    {
        if (!active.TryRemove((sessionId, turnId), out var turn))
        {
            return;
        }

        try
        {
            var looks = Looks(turn.Repository);
            var endTree = await snapshot.TakeAsync(turn.Repository, cancellationToken);
            var changed = await ChangedFilesAsync(turn, endTree, cancellationToken);
            if (turn.Overlapped)
            {
                changed = Own(turn, changed.Where(c => turn.Reported.ContainsKey(c.Path)).ToList(), endTree, looks);
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
            if (active.TryRemove(key, out var turn))
            {
                lock (gate)
                {
                    ForgetLedgerIfDone(turn.Repository);
                }
            }
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

    /// <summary>
    /// An overlapped turn's changes: each reported file as its own agent left it (<see cref="ActiveTurn.Own"/>, or as it
    /// was when the overlap began when it was not seen changing since), not as the end tree has it with the other
    /// agent's edits. A file it did not change in the end is dropped.
    /// </summary>
    private List<AgentChange> Own(ActiveTurn turn, List<AgentChange> changed, string endTree, long looks)
    {
        lock (gate)
        {
            ledgers.TryGetValue(turn.Repository.Root, out var ledger);
            if (ledger is not null)
            {
                // Its last writes (a tool that never reported its end, a shell edit of a reported file) are its own,
                // unless another agent's tool is writing that file right now.
                foreach (var path in turn.Reported.Keys.Where(p => !Writing(turn.Repository, p, except: turn)))
                {
                    ledger.Look(turn, path);
                }
            }

            var result = new List<AgentChange>();
            using (var repo = new Repository(turn.Repository.Root))
            {
                foreach (var change in changed)
                {
                    var agent = turn.Own.TryGetValue(change.Path, out var own)
                        ? own is null ? null : repo.ObjectDatabase.CreateBlob(new MemoryStream(own, writable: false)).Sha
                        : repo.Lookup<Tree>(turn.OverlapTree!)?[change.Path]?.Target is Blob blob ? blob.Sha : null;
                    if (!string.Equals(agent, change.BaselineBlob, StringComparison.Ordinal))
                    {
                        result.Add(change with { AgentBlob = agent });
                    }
                }
            }

            ledger?.Rebase(endTree, looks, path => Writing(turn.Repository, path, except: turn));
            ForgetLedgerIfDone(turn.Repository);
            return result;
        }
    }

    private OverlapLedger Ledger(GitRepositoryPath repository, string tree)
        => ledgers.TryGetValue(repository.Root, out var ledger) ? ledger : ledgers[repository.Root] = new OverlapLedger(repository, tree);

    private long Looks(GitRepositoryPath repository)
    {
        lock (gate)
        {
            return ledgers.TryGetValue(repository.Root, out var ledger) ? ledger.Looks : 0;
        }
    }

    /// <summary>Whether a running tool of a turn in the repository (other than <paramref name="except"/>) reported the file and has not finished.</summary>
    private bool Writing(GitRepositoryPath repository, string path, ActiveTurn? except)
        => active.Values.Any(t => t != except && t.Repository.Root == repository.Root && t.Windows.Values.Any(w => w.Contains(path)));

    private void ForgetLedgerIfDone(GitRepositoryPath repository)
    {
        if (!active.Values.Any(t => t.Repository.Root == repository.Root && t.Overlapped))
        {
            ledgers.Remove(repository.Root);
        }
    }

    /// <summary>Attribution must never fail a turn: a look that fails leaves the turn with what it had.</summary>
    private void Guarded(ActiveTurn turn, Action action)
    {
        try
        {
            lock (gate)
            {
                action();
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Review attribution of turn {Turn} of session {Session} missed a change", turn.TurnId, turn.SessionId);
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
