using System.Text;
using LibGit2Sharp;
using Maestro.Protocol;

namespace Maestro.Server.Git.Review;

/// <summary>Computes the review: every working-tree change against the index, with its hunks.</summary>
internal static class ReviewCollector
{
    private static readonly StatusOptions Options = new()
    {
        Show = StatusShowOption.WorkDirOnly,
        IncludeUntracked = true,
        RecurseUntrackedDirs = true,
        // libgit2's working-tree rename detection also pairs two modified files that look alike as renames of
        // each other; RenamePairing pairs only deleted with untracked files, as a user means by a rename.
        DetectRenamesInWorkDir = false,
        ExcludeSubmodules = true,
        IncludeIgnored = false,
    };

    /// <param name="selectors">Repository-relative files or folders to restrict to; null or empty for everything.</param>
    public static List<ReviewEntry> Collect(Repository repo, GitRepositoryPath location, IReadOnlyCollection<string>? selectors, CancellationToken cancellationToken)
    {
        var status = repo.RetrieveStatus(Options);
        var fileMode = FileModeMatters(repo, location);
        var entries = new List<ReviewEntry>();
        foreach (var item in status)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = Build(repo, location, item, fileMode);
            if (entry is not null && (selectors is null || selectors.Count == 0 || selectors.Any(entry.MatchedBy)))
            {
                entries.Add(entry);
            }
        }

        entries = RenamePairing.Pair(entries);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!entry.Binary && entry.Status != ChangeStatus.Conflicted)
            {
                entries[i] = entry with { Hunks = HunkId.Assign(entry.Path, HunkDiff.Compute(entry.OldLines, entry.NewLines)) };
            }
        }

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

    private static ReviewEntry? Build(Repository repo, GitRepositoryPath location, StatusEntry item, bool fileMode)
    {
        var state = item.State;
        if (state.HasFlag(FileStatus.Conflicted))
        {
            return new ReviewEntry { Path = item.FilePath, Status = ChangeStatus.Conflicted, Binary = false };
        }

        ChangeStatus status;
        var path = item.FilePath;
        if (state.HasFlag(FileStatus.NewInWorkdir))
        {
            status = ChangeStatus.Untracked;
        }
        else if (state.HasFlag(FileStatus.DeletedFromWorkdir))
        {
            status = ChangeStatus.Deleted;
        }
        else if (state.HasFlag(FileStatus.TypeChangeInWorkdir))
        {
            status = ChangeStatus.TypeChanged;
        }
        else if (state.HasFlag(FileStatus.ModifiedInWorkdir))
        {
            status = ChangeStatus.Modified;
        }
        else
        {
            return null;
        }

        var indexEntry = status == ChangeStatus.Untracked ? null : repo.Index[path];
        var indexContent = indexEntry is null ? [] : ReadBlob(repo, indexEntry.Id);
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

            if (!fileMode && indexEntry is not null && workingMode != Mode.SymbolicLink && indexEntry.Mode != Mode.SymbolicLink)
            {
                workingMode = indexEntry.Mode;
            }
        }

        var links = workingMode == Mode.SymbolicLink || indexEntry?.Mode == Mode.SymbolicLink;
        var binary = links || status == ChangeStatus.TypeChanged
            || TextLines.IsBinary(indexContent) || (working is not null && TextLines.IsBinary(working));
        var entry = new ReviewEntry
        {
            Path = path,
            Status = status,
            Binary = binary,
            IndexMode = indexEntry?.Mode,
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
