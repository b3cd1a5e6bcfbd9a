using System.Collections.Concurrent;
using Maestro.Server.Errors;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// The working state of a repository as a git tree; the user's index, staging area and branch are never touched.
/// The first snapshot of a repository walks the whole tree: a private copy of the user's index (<c>GIT_INDEX_FILE</c>,
/// keeping its stat cache, so only files changed since the last <c>git status</c> are hashed), <c>git add -A</c>,
/// <c>git write-tree</c>. After it a <see cref="ChangeJournal"/> tells later snapshots which paths changed, and
/// <see cref="JournalTreeBuilder"/> writes only those blobs and the folders above them, in process, into the
/// <see cref="SnapshotTreeMirror"/> of the last tree;
/// nothing changed returns the last tree. Whenever the journal cannot vouch for every change (a linked worktree, a
/// watcher overflow, an ignore or attributes edit, a submodule, a filter driver, more than
/// <see cref="SnapshotTreeMirror.MaxEntries"/> entries), the snapshot walks the whole tree.
/// </summary>
public sealed class FolderSnapshot : IDisposable
{
    /// <summary>More changed paths than this: one walk of the tree is as cheap as naming them all.</summary>
    private const int MaxJournalPaths = 2000;

    private static readonly TimeSpan BarrierTimeout = TimeSpan.FromSeconds(2);

    private readonly GitCli git;
    private readonly ILogger<FolderSnapshot> logger;
    private readonly ConcurrentDictionary<string, RepositorySnapshots> repositories = new(StringComparer.Ordinal);
    private int walks;
    private int fromJournal;

    public FolderSnapshot(GitCli git, ILogger<FolderSnapshot> logger)
    {
        this.git = git;
        this.logger = logger;
    }

    /// <summary>How many snapshots walked the whole tree, and how many the journal answered (tests and the bench read them).</summary>
    internal (int Walks, int FromJournal) Counts => (Volatile.Read(ref walks), Volatile.Read(ref fromJournal));

    /// <summary>The tree id of every file of <paramref name="repository"/>'s working tree as it is now (ignored files left out).</summary>
    public async Task<string> TakeAsync(GitRepositoryPath repository, CancellationToken cancellationToken)
    {
        var state = repositories.GetOrAdd(repository.Root, _ => new RepositorySnapshots(repository));
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            if (state.LastTree is { } last && state.Journal is { } journal && await journal.BarrierAsync(BarrierTimeout, cancellationToken))
            {
                var changed = journal.Take();
                if (changed.Count == 0)
                {
                    Interlocked.Increment(ref fromJournal);
                    return last;
                }

                // The mirror of the last tree is read once (one git process), then kept up to date by each snapshot.
                state.Mirror ??= await SnapshotTreeMirror.LoadAsync(git, repository.Root, last, cancellationToken);
                if (state.Mirror is { } mirror && mirror.TreeId == last && TryAddChanged(state, mirror, changed) is { } tree)
                {
                    Interlocked.Increment(ref fromJournal);
                    state.LastTree = tree;
                    return tree;
                }
            }

            // Whatever the mirror held may be half changed now: the next journal snapshot reads the new tree.
            state.Mirror = null;

            // The journal starts before the walk: a change made while git reads the tree is in it for the next time.
            // One that lost track (an overflow, a watcher error) is replaced, so only this snapshot pays for it.
            if (state.Journal is { IsBroken: true } lost)
            {
                lost.Dispose();
                state.Journal = null;
            }

            state.Journal ??= ChangeJournal.Start(repository, logger);
            state.Journal?.Take();
            state.LastTree = null;
            Interlocked.Increment(ref walks);
            var full = await WalkAsync(state, cancellationToken);
            state.LastTree = state.Journal is null ? null : full;
            return full;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var state in repositories.Values)
        {
            state.Journal?.Dispose();
        }

        repositories.Clear();
    }

    /// <summary>A private copy of the user's index (its stat cache spares unchanged files), <c>git add -A</c> over the whole tree, its tree.</summary>
    private async Task<string> WalkAsync(RepositorySnapshots state, CancellationToken cancellationToken)
    {
        var repository = state.Repository;
        var index = Path.Combine(repository.GitDir, "index");
        var copy = Path.Combine(repository.GitDir, $"maestro-snapshot-{Guid.NewGuid():N}.index");
        try
        {
            if (File.Exists(index))
            {
                File.Copy(index, copy);
            }

            var environment = PrivateIndex(copy);
            await CheckedAsync(repository.Root, ["add", "-A", "--", "."], environment, cancellationToken);
            return (await CheckedAsync(repository.Root, ["write-tree"], environment, cancellationToken)).Trim();
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <summary>The last tree with only the changed paths read again, in process; null when that cannot be trusted (then walk).</summary>
    private string? TryAddChanged(RepositorySnapshots state, SnapshotTreeMirror mirror, IReadOnlyCollection<string> changed)
    {
        // Ignore and attributes files change what paths nobody touched mean; "." is the tree itself.
        if (changed.Count > MaxJournalPaths || changed.Any(p => p == "." || Path.GetFileName(p) is ".gitignore" or ".gitattributes"))
        {
            return null;
        }

        try
        {
            return JournalTreeBuilder.TryBuild(state.Repository, mirror, changed);
        }
        catch (Exception ex) when (ex is LibGit2Sharp.LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            logger.LogInformation("A journal snapshot of {Root} failed ({Error}); walking the tree", state.Repository.Root, ex.Message);
            return null;
        }
    }

    private async Task<string> CheckedAsync(string root, string[] arguments, Dictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(root, arguments, environment, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new MaestroException($"'git {string.Join(' ', arguments)}' failed while taking a turn's baseline: {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }

    private static Dictionary<string, string?> PrivateIndex(string path) => new(StringComparer.Ordinal) { ["GIT_INDEX_FILE"] = path };

    /// <summary>One repository's journal and the tree last written.</summary>
    private sealed class RepositorySnapshots(GitRepositoryPath repository)
    {
        public GitRepositoryPath Repository { get; } = repository;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ChangeJournal? Journal { get; set; }

        public string? LastTree { get; set; }

        /// <summary>The last tree in memory, for journal snapshots; null until the first one needs it, or after a doubt.</summary>
        public SnapshotTreeMirror? Mirror { get; set; }
    }
}
