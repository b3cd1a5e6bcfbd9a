using System.Collections.Concurrent;
using Maestro.Server.Errors;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// The working state of a repository as a git tree, written with git's plumbing into a private index
/// (<c>GIT_INDEX_FILE</c>): the user's index, staging area and branch are never touched.
/// The first snapshot of a repository copies the user's index (keeping its stat cache, so only files changed since the
/// last <c>git status</c> are hashed) and runs <c>git add -A</c> over the whole tree; the private index is then kept, and
/// a <see cref="ChangeJournal"/> tells later snapshots which paths changed, so they re-add only those, or return the
/// last tree when nothing changed. Whenever the journal cannot vouch for every change (a linked worktree, a watcher
/// overflow, a <c>.gitignore</c> edit, git refusing a path), the snapshot walks the whole tree as the first one did.
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

                if (await TryAddChangedAsync(state, changed, cancellationToken) is { } tree)
                {
                    Interlocked.Increment(ref fromJournal);
                    state.LastTree = tree;
                    return tree;
                }
            }

            // The journal starts before the walk: a change made while git reads the tree is in it for the next time.
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
            File.Delete(state.IndexPath);
        }

        repositories.Clear();
    }

    /// <summary>A fresh private index from the user's, <c>git add -A</c> over the whole tree, then kept for the next snapshot.</summary>
    private async Task<string> WalkAsync(RepositorySnapshots state, CancellationToken cancellationToken)
    {
        var repository = state.Repository;
        var index = Path.Combine(repository.GitDir, "index");
        var fresh = Path.Combine(repository.GitDir, $"maestro-snapshot-{Guid.NewGuid():N}.index");
        try
        {
            if (File.Exists(index))
            {
                File.Copy(index, fresh);
            }

            var environment = PrivateIndex(fresh);
            await CheckedAsync(repository.Root, ["add", "-A", "--", "."], environment, cancellationToken);
            var tree = (await CheckedAsync(repository.Root, ["write-tree"], environment, cancellationToken)).Trim();
            File.Move(fresh, state.IndexPath, overwrite: true);
            return tree;
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    /// <summary>Re-adds only the changed paths to the kept private index; null when that cannot be trusted (then walk).</summary>
    private async Task<string?> TryAddChangedAsync(RepositorySnapshots state, IReadOnlyCollection<string> changed, CancellationToken cancellationToken)
    {
        // A .gitignore edit changes what paths nobody touched mean; "." is the tree itself.
        if (changed.Count > MaxJournalPaths || changed.Any(p => p == "." || Path.GetFileName(p) == ".gitignore"))
        {
            return null;
        }

        var root = state.Repository.Root;
        var present = new List<string>();
        var gone = new List<string>();
        foreach (var path in changed)
        {
            var full = state.Repository.Absolute(path);
            (File.Exists(full) || Directory.Exists(full) || new FileInfo(full).LinkTarget is not null ? present : gone).Add(Literal(path));
        }

        var environment = PrivateIndex(state.IndexPath);
        if (gone.Count > 0 && !await SucceedsAsync(root, ["rm", "--cached", "-r", "-q", "--ignore-unmatch", "--", .. gone], environment, cancellationToken))
        {
            return null;
        }

        // Ignored paths are filtered out first, as `add -A` over the tree would skip them. Files go through
        // update-index, which reads only them; `add -A` with many pathspecs would walk the whole tree for untracked
        // files. New folders need that walk, under themselves.
        var wanted = await WithoutIgnoredAsync(root, present, environment, cancellationToken);
        if (wanted is null)
        {
            return null;
        }

        var folders = wanted.Where(p => Directory.Exists(state.Repository.Absolute(Unliteral(p)))).ToList();
        var files = wanted.Except(folders).Select(Unliteral).ToList();
        if (files.Count > 0 && !await SucceedsAsync(root, ["update-index", "--add", "--remove", "--", .. files], environment, cancellationToken))
        {
            return null;
        }

        if (folders.Count > 0 && !await SucceedsAsync(root, ["add", "-A", "--", .. folders], environment, cancellationToken))
        {
            return null;
        }

        var written = await git.RunAsync(root, ["write-tree"], environment, cancellationToken);
        return written.ExitCode == 0 ? written.StandardOutput.Trim() : null;
    }

    /// <summary>
    /// The pathspecs git does not ignore, asked of git itself against the private index (a tracked file is never
    /// ignored), so the answer is the walk's; null when git failed.
    /// </summary>
    private async Task<List<string>?> WithoutIgnoredAsync(string root, List<string> pathspecs, Dictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        if (pathspecs.Count == 0)
        {
            return pathspecs;
        }

        // check-ignore prints one path per line (-z needs stdin), quoting unusual names: those are left to the walk.
        var paths = pathspecs.Select(Unliteral).ToList();
        if (paths.Any(p => p.Any(c => c is '"' or '\\' || char.IsControl(c))))
        {
            return null;
        }

        var result = await git.RunAsync(root, ["-c", "core.quotePath=false", "check-ignore", "--", .. paths], environment, cancellationToken);
        if (result.ExitCode > 1)
        {
            return null;
        }

        var ignored = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return [.. pathspecs.Where(p => !ignored.Contains(Unliteral(p)))];
    }

    private async Task<bool> SucceedsAsync(string root, string[] arguments, Dictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(root, arguments, environment, cancellationToken);
        if (result.ExitCode != 0)
        {
            logger.LogInformation("'git {Command}' refused a journal snapshot of {Root} ({Error}); walking the tree", arguments[0], root, result.StandardError.Trim());
        }

        return result.ExitCode == 0;
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

    /// <summary>A path as a pathspec that means only that path (no glob, no magic).</summary>
    private static string Literal(string path) => ":(literal)" + path;

    private static string Unliteral(string pathspec) => pathspec[":(literal)".Length..];

    /// <summary>One repository's kept private index, its journal and the tree last written from it.</summary>
    private sealed class RepositorySnapshots(GitRepositoryPath repository)
    {
        public GitRepositoryPath Repository { get; } = repository;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>One per process: a <c>maestro run --in-process</c> beside the daemon keeps its own journal, so its own index.</summary>
        public string IndexPath { get; } = Path.Combine(repository.GitDir, $"maestro-snapshot-{Environment.ProcessId}.index");

        public ChangeJournal? Journal { get; set; }

        public string? LastTree { get; set; }
    }
}
