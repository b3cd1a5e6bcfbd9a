using System.Text;
using LibGit2Sharp;
using Maestro.Protocol;

namespace Maestro.Server.Git.Review;

/// <summary>Computes the review: every working-tree change against the index, with its hunks.</summary>
internal static class ReviewCollector
{
    /// <param name="selectors">Repository-relative files or folders to restrict to; null or empty for everything.</param>
    public static async Task<List<ReviewEntry>> CollectAsync(GitCli git, GitRepositoryPath location, IReadOnlyCollection<string>? selectors, CancellationToken cancellationToken)
    {
        // The whole tree's status even for a few paths: a rename pairs a selected path with one elsewhere.
        var status = await WorkingTreeStatus.ReadAsync(git, location, cancellationToken);
        return await Task.Run(() => Collect(location, status, selectors, cancellationToken), cancellationToken);
    }

    private static List<ReviewEntry> Collect(GitRepositoryPath location, List<WorkingTreeStatus> status, IReadOnlyCollection<string>? selectors, CancellationToken cancellationToken)
    {
        bool fileMode;
        var indexContents = new byte[status.Count][];
        using (var repo = new Repository(location.Root))
        {
            fileMode = FileModeMatters(repo, location);
            for (var i = 0; i < status.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                indexContents[i] = status[i].IndexId is { } id ? ReadBlob(repo, id) : [];
            }
        }

        // Reading working files and diffing are independent per file: use every core.
        var built = new ReviewEntry?[status.Count];
        Parallel.For(0, status.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => built[i] = Build(location, status[i], indexContents[i], fileMode));
        var entries = RenamePairing.Pair(built.OfType<ReviewEntry>().ToList())
            .Where(e => selectors is null || selectors.Count == 0 || selectors.Any(e.MatchedBy))
            .ToList();
        Parallel.For(0, entries.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var entry = entries[i];
            if (!entry.Binary && entry.Status != ChangeStatus.Conflicted)
            {
                entries[i] = entry with { Hunks = HunkId.Assign(entry.Path, HunkDiff.Compute(entry.OldLines, entry.NewLines)) };
            }
        });

        entries.Sort((x, y) => string.CompareOrdinal(x.Path, y.Path));
        return entries;
    }

    private static bool FileModeMatters(Repository repo, GitRepositoryPath location)
    {
        // libgit2 opened on a linked worktree does not read the shared config: ask the main repository.
        var mainRoot = Worktrees.WorktreeService.MainRoot(location);
        if (string.Equals(mainRoot, location.Root, StringComparison.Ordinal))
        {
            return repo.Config.GetValueOrDefault("core.filemode", true);
        }

        using var main = new Repository(mainRoot);
        return main.Config.GetValueOrDefault("core.filemode", true);
    }

    private static ReviewEntry? Build(GitRepositoryPath location, WorkingTreeStatus item, byte[] indexContent, bool fileMode)
    {
        var status = item.Status;
        var path = item.Path;
        if (status == ChangeStatus.Conflicted)
        {
            return new ReviewEntry { Path = path, Status = ChangeStatus.Conflicted, Binary = false };
        }

        byte[]? working = null;
        Mode? workingMode = null;
        if (status != ChangeStatus.Deleted)
        {
            (working, workingMode) = ReadWorking(location.Absolute(path));
            if (working is null)
            {
                // Gone between the status and the read: the next review shows it as it is then.
                return null;
            }

            if (!fileMode && item.IndexMode is { } indexMode && workingMode != Mode.SymbolicLink && indexMode != Mode.SymbolicLink)
            {
                workingMode = indexMode;
            }
        }

        // Listed because its stat changed (diff-files does not refresh the index), but nothing did: not a change.
        if (status == ChangeStatus.Modified && workingMode == item.IndexMode && working is not null && working.AsSpan().SequenceEqual(indexContent))
        {
            return null;
        }

        var links = workingMode == Mode.SymbolicLink || item.IndexMode == Mode.SymbolicLink;
        var binary = links || status == ChangeStatus.TypeChanged
            || TextLines.IsBinary(indexContent) || (working is not null && TextLines.IsBinary(working));
        var entry = new ReviewEntry
        {
            Path = path,
            Status = status,
            Binary = binary,
            IndexMode = item.IndexMode,
            IndexContent = indexContent,
            WorkingContent = working,
            WorkingMode = workingMode,
        };
        if (binary)
        {
            return entry;
        }

        return entry with { OldLines = TextLines.Split(indexContent), NewLines = TextLines.Split(working ?? []) };
    }

    private static byte[] ReadBlob(Repository repo, ObjectId id)
    {
        var blob = repo.Lookup<Blob>(id);
        using var stream = blob.GetContentStream();
        var bytes = new byte[blob.Size];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The working file's bytes and mode, never following a symlink (a link's content is its target, as git stores it).</summary>
    internal static (byte[]? Content, Mode? Mode) ReadWorking(string absolute)
    {
        try
        {
            var info = new FileInfo(absolute);
            if (info.LinkTarget is { } target)
            {
                return (Encoding.UTF8.GetBytes(target), Mode.SymbolicLink);
            }

            if (!info.Exists)
            {
                return (null, null);
            }

            var executable = !OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
            return (File.ReadAllBytes(absolute), executable ? Mode.ExecutableFile : Mode.NonExecutableFile);
        }
        catch (FileNotFoundException)
        {
            return (null, null);
        }
        catch (DirectoryNotFoundException)
        {
            return (null, null);
        }
    }
}
