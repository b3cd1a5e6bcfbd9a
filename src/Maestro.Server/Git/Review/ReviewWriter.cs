using LibGit2Sharp;
using Maestro.Protocol;
using Maestro.Server.Errors;
using FileKind = Maestro.Server.Files.FileKind;

namespace Maestro.Server.Git.Review;

/// <summary>
/// Carries out accepted and rejected changes: new blobs into the index (written once, at the end) and restored
/// content into working files (each replaced atomically, its mode kept). What a reject overwrites or deletes is
/// first saved as a blob in the object database, so <c>git fsck --lost-found</c> can still bring it back.
/// Before every write or delete the file's folders are checked on disk, component by component: a tracked folder
/// that was swapped for a symlink (to anywhere) is replaced by a real folder, as git's checkout does, so nothing is
/// ever written or deleted through a link, outside the repository.
/// </summary>
internal sealed class ReviewWriter
{
    private readonly Repository repo;
    private readonly GitRepositoryPath location;
    private bool indexChanged;

    public ReviewWriter(Repository repo, GitRepositoryPath location)
    {
        this.repo = repo;
        this.location = location;
    }

    public void AcceptFile(ReviewEntry entry)
    {
        switch (entry.Status)
        {
            case ChangeStatus.Deleted:
                repo.Index.Remove(entry.Path);
                break;
            case ChangeStatus.Renamed:
                repo.Index.Remove(entry.OldPath!);
                Stage(entry.Path, entry.WorkingContent!, entry.WorkingMode!.Value);
                break;
            default:
                Stage(entry.Path, entry.WorkingContent!, entry.WorkingMode!.Value);
                break;
        }

        indexChanged = true;
    }

    public void AcceptHunks(ReviewEntry entry, IReadOnlyList<DiffHunk> hunks)
    {
        if (entry.Status is ChangeStatus.Untracked or ChangeStatus.Deleted or ChangeStatus.TypeChanged)
        {
            // An untracked or deleted file has one hunk: the whole file.
            AcceptFile(entry);
            return;
        }

        var content = TextLines.Join(PatchApplier.Accept(entry.OldLines, hunks));
        if (entry.Status == ChangeStatus.Renamed)
        {
            repo.Index.Remove(entry.OldPath!);
        }

        Stage(entry.Path, content, entry.IndexMode ?? entry.WorkingMode ?? Mode.NonExecutableFile);
        indexChanged = true;
    }

    public void RejectFile(ReviewEntry entry)
    {
        switch (entry.Status)
        {
            case ChangeStatus.Untracked:
                Backup(entry.WorkingContent);
                Delete(entry.Path);
                break;
            case ChangeStatus.Deleted:
                Restore(entry.Path, entry.IndexContent, entry.IndexMode!.Value);
                break;
            case ChangeStatus.Renamed:
                Backup(entry.WorkingContent);
                Delete(entry.Path);
                Restore(entry.OldPath!, entry.IndexContent, entry.IndexMode!.Value);
                break;
            default:
                Backup(entry.WorkingContent);
                Restore(entry.Path, entry.IndexContent, entry.IndexMode!.Value);
                break;
        }
    }

    public void RejectHunks(ReviewEntry entry, IReadOnlyList<DiffHunk> hunks)
    {
        if (entry.Status is ChangeStatus.Untracked or ChangeStatus.Deleted)
        {
            RejectFile(entry);
            return;
        }

        Backup(entry.WorkingContent);
        var content = TextLines.Join(PatchApplier.Reject(entry.NewLines, hunks));
        var absolute = location.Absolute(entry.Path);
        RealParent(absolute);
        Write(absolute, content, entry.WorkingMode ?? Mode.NonExecutableFile);
    }

    /// <summary>Writes the index if anything was staged.</summary>
    public void Commit()
    {
        if (indexChanged)
        {
            repo.Index.Write();
        }
    }

    private void Stage(string path, byte[] content, Mode mode)
    {
        using var stream = new MemoryStream(content, writable: false);
        var blob = repo.ObjectDatabase.CreateBlob(stream);
        repo.Index.Add(blob, path, mode);
    }

    private void Backup(byte[]? content)
    {
        if (content is { Length: > 0 })
        {
            using var stream = new MemoryStream(content, writable: false);
            repo.ObjectDatabase.CreateBlob(stream);
        }
    }

    private void Restore(string path, byte[] content, Mode mode)
    {
        var absolute = location.Absolute(path);
        RealParent(absolute);
        if (mode == Mode.SymbolicLink)
        {
            DeleteIfPresent(absolute);
            Directory.CreateDirectory(Path.GetDirectoryName(absolute)!);
            File.CreateSymbolicLink(absolute, System.Text.Encoding.UTF8.GetString(content));
            return;
        }

        if (new FileInfo(absolute).LinkTarget is not null || Directory.Exists(absolute))
        {
            DeleteIfPresent(absolute);
        }

        Write(absolute, content, mode);
    }

    private static void Write(string absolute, byte[] content, Mode mode)
    {
        var directory = Path.GetDirectoryName(absolute)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(absolute)}.maestro-{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, content);
            if (!OperatingSystem.IsWindows())
            {
                var permissions = File.Exists(absolute) && new FileInfo(absolute).LinkTarget is null
                    ? File.GetUnixFileMode(absolute)
                    : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
                permissions = mode == Mode.ExecutableFile
                    ? permissions | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute
                    : permissions & ~(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                File.SetUnixFileMode(temporary, permissions);
            }

            File.Move(temporary, absolute, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private void Delete(string path)
    {
        var absolute = location.Absolute(path);
        RealParent(absolute);
        DeleteIfPresent(absolute);

        // An agent's new folder goes with its last rejected file.
        var directory = Path.GetDirectoryName(absolute);
        while (directory is not null && RealPath.IsUnder(directory, location.Root) && directory != location.Root
               && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
            directory = Path.GetDirectoryName(directory);
        }
    }

    /// <summary>
    /// Makes every folder between the root and <paramref name="absolute"/> a real folder: a symlink in their place is
    /// removed (the link only; what it points at is left alone) and a folder made instead. Missing folders are left
    /// for the write to create.
    /// </summary>
    private void RealParent(string absolute)
    {
        var relative = Path.GetRelativePath(location.Root, absolute);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new Errors.PathOutsideWorkspaceException(absolute, location.Root);
        }

        var current = location.Root;
        var folders = relative.Split(Path.DirectorySeparatorChar);
        foreach (var folder in folders[..^1])
        {
            current = Path.Combine(current, folder);
            switch (Files.FileStatus.OfPath(current)?.Kind)
            {
                case null:
                    return;
                case FileKind.Directory:
                    continue;
                case FileKind.SymbolicLink:
                    File.Delete(current);
                    Directory.CreateDirectory(current);
                    continue;
                default:
                    throw new InvalidParamsException($"'{Path.GetRelativePath(location.Root, current)}' is a file where the folder of '{relative}' belongs; move it away first.");
            }
        }
    }

    private static void DeleteIfPresent(string absolute)
    {
        if (new FileInfo(absolute).LinkTarget is not null || File.Exists(absolute))
        {
            File.Delete(absolute);
        }
        else if (Directory.Exists(absolute))
        {
            Directory.Delete(absolute, recursive: false);
        }
    }
}
