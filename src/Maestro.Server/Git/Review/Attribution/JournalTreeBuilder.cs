using LibGit2Sharp;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// The next turn snapshot built in process from the last one: the paths a <see cref="ChangeJournal"/> saw changing are
/// hashed into blobs (git's own clean filters applied, as <c>git add</c> does) and put into the
/// <see cref="SnapshotTreeMirror"/> of the last tree, which rewrites only the folders above them; no git process runs.
/// It answers null whenever the result might differ from what <c>git add -A</c> over the whole tree would write (a
/// filter driver libgit2 cannot run, a submodule, a nested repository, an ignore or attributes file, a path that
/// changed while it was read): the caller then drops the mirror and walks the whole tree.
/// </summary>
internal static class JournalTreeBuilder
{
    private const int FileMode = 0x81A4; // 0100644
    private const int ExecutableMode = 0x81ED; // 0100755
    private const int LinkMode = 0xA000; // 0120000

    /// <summary>The tree of the working state: <paramref name="mirror"/> with <paramref name="changed"/> read again; null to walk instead.</summary>
    public static string? TryBuild(GitRepositoryPath repository, SnapshotTreeMirror mirror, IReadOnlyCollection<string> changed)
    {
        using var repo = new Repository(repository.Root);
        if (HasFilterDrivers(repo))
        {
            return null;
        }

        var context = new Context(repo, mirror, repository, repo.Config.Get<bool>("core.filemode")?.Value ?? true);
        foreach (var path in changed.Order(StringComparer.Ordinal))
        {
            if (mirror.UnderSubmodule(path))
            {
                return null;
            }

            var full = repository.Absolute(path);
            var info = new FileInfo(full);
            if (info.LinkTarget is not null || info.Exists)
            {
                if (!AddFile(context, path, info))
                {
                    return null;
                }
            }
            else if (Directory.Exists(full))
            {
                // A folder stands for everything below it: what it held before is replaced by what it holds now.
                mirror.Remove(path);
                if (!AddFolder(context, path))
                {
                    return null;
                }
            }
            else
            {
                mirror.Remove(path);
            }
        }

        return mirror.Write(repo.ObjectDatabase);
    }

    private static bool AddFolder(Context context, string folder)
    {
        // One level at a time: a recursive enumeration would follow links to folders, which git stores as links.
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(context.Repository.Absolute(folder)).EnumerateFileSystemInfos("*", options))
        {
            var path = folder + "/" + entry.Name;
            if (entry.Name is ".git" or ".gitignore" or ".gitattributes")
            {
                return false; // a nested repository, or rules that change what its siblings mean
            }

            var added = entry is DirectoryInfo && entry.LinkTarget is null
                ? AddFolder(context, path)
                : AddFile(context, path, new FileInfo(entry.FullName));
            if (!added)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One file or link as <c>git add</c> would stage it, or left out when git ignores it.</summary>
    private static bool AddFile(Context context, string path, FileInfo info)
    {
        if (Path.GetFileName(path) is ".gitignore" or ".gitattributes")
        {
            return false;
        }

        var before = context.Mirror.Find(path);
        // A tracked path is never ignored; "tracked" is in the last snapshot or in the user's index, as for the walk.
        var repo = context.Repo;
        if (before is null && repo.Index[path] is null && repo.Ignore.IsPathIgnored(path))
        {
            context.Mirror.Remove(path);
            return true;
        }

        try
        {
            // A relative path makes libgit2 read it from the working tree with the repository's clean filters
            // (autocrlf, ident, working-tree-encoding), and store a link's target as git does.
            var blob = repo.ObjectDatabase.CreateBlob(path);
            context.Mirror.Set(path, ModeOf(info, before, context.FileMode), blob.Id);
            return true;
        }
        catch (Exception ex) when (ex is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            return false; // changed or vanished while read: the walk settles it
        }
    }

    private static int ModeOf(FileInfo info, MirrorEntry? before, bool fileMode)
    {
        if (info.LinkTarget is not null)
        {
            return LinkMode;
        }

        if (!fileMode)
        {
            // git keeps the recorded executable bit when the file system's is not trusted.
            return before?.Mode == ExecutableMode ? ExecutableMode : FileMode;
        }

        return OperatingSystem.IsWindows() || (info.UnixFileMode & UnixFileMode.UserExecute) == 0 ? FileMode : ExecutableMode;
    }

    /// <summary>Clean filters run by an external program (git-lfs and the like) exist only for the git CLI.</summary>
    private static bool HasFilterDrivers(Repository repo) =>
        repo.Config.Any(entry => entry.Key.StartsWith("filter.", StringComparison.Ordinal) && (entry.Key.EndsWith(".clean", StringComparison.Ordinal) || entry.Key.EndsWith(".process", StringComparison.Ordinal)));

    private sealed record Context(Repository Repo, SnapshotTreeMirror Mirror, GitRepositoryPath Repository, bool FileMode);
}
