using LibGit2Sharp;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// The next turn snapshot built in process from the last one: the paths a <see cref="ChangeJournal"/> saw changing are
/// hashed into blobs (git's own clean filters applied, as <c>git add</c> does) and only the trees above them rewritten,
/// with no git process started. It answers null whenever the result might differ from what <c>git add -A</c> over the
/// whole tree would write (a filter driver libgit2 cannot run, a submodule, a nested repository, an ignore or
/// attributes file that changed, a path that vanished while it was read): the caller then walks the whole tree.
/// </summary>
internal static class JournalTreeBuilder
{
    /// <summary>The tree of the working state, <paramref name="lastTree"/> with <paramref name="changed"/> read again; null to walk instead.</summary>
    public static string? TryBuild(GitRepositoryPath repository, string lastTree, IReadOnlyCollection<string> changed)
    {
        using var repo = new Repository(repository.Root);
        if (HasFilterDrivers(repo) || repo.Lookup<Tree>(lastTree) is not { } tree)
        {
            return null;
        }

        var fileMode = repo.Config.Get<bool>("core.filemode")?.Value ?? true;
        var definition = TreeDefinition.From(tree);
        foreach (var path in changed.Order(StringComparer.Ordinal))
        {
            if (UnderSubmodule(tree, path))
            {
                return null;
            }

            var full = repository.Absolute(path);
            var info = new FileInfo(full);
            if (info.LinkTarget is not null || info.Exists)
            {
                if (!AddFile(repo, tree, definition, path, info, fileMode))
                {
                    return null;
                }
            }
            else if (Directory.Exists(full))
            {
                // A folder stands for everything below it: what it held before is replaced by what it holds now.
                definition.Remove(path);
                if (!AddFolder(repo, tree, definition, repository, path, fileMode))
                {
                    return null;
                }
            }
            else
            {
                definition.Remove(path);
            }
        }

        return repo.ObjectDatabase.CreateTree(definition).Sha;
    }

    private static bool AddFolder(Repository repo, Tree tree, TreeDefinition definition, GitRepositoryPath repository, string folder, bool fileMode)
    {
        // One level at a time: a recursive enumeration would follow links to folders, which git stores as links.
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(repository.Absolute(folder)).EnumerateFileSystemInfos("*", options))
        {
            var path = folder + "/" + entry.Name;
            if (entry.Name is ".git" or ".gitignore" or ".gitattributes")
            {
                return false; // a nested repository, or rules that change what its siblings mean
            }

            var added = entry is DirectoryInfo && entry.LinkTarget is null
                ? AddFolder(repo, tree, definition, repository, path, fileMode)
                : AddFile(repo, tree, definition, path, new FileInfo(entry.FullName), fileMode);
            if (!added)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One file or link as <c>git add</c> would stage it, or left out when git ignores it.</summary>
    private static bool AddFile(Repository repo, Tree tree, TreeDefinition definition, string path, FileInfo info, bool fileMode)
    {
        if (Path.GetFileName(path) is ".gitignore" or ".gitattributes")
        {
            return false;
        }

        var before = tree[path];
        // A tracked path is never ignored; "tracked" is in the last snapshot or in the user's index, as for the walk.
        if (before is null && repo.Index[path] is null && repo.Ignore.IsPathIgnored(path))
        {
            definition.Remove(path);
            return true;
        }

        try
        {
            // A relative path makes libgit2 read it from the working tree with the repository's clean filters
            // (autocrlf, ident, working-tree-encoding), and store a link's target as git does.
            var blob = repo.ObjectDatabase.CreateBlob(path);
            definition.Add(path, blob, ModeOf(info, before, fileMode));
            return true;
        }
        catch (Exception ex) when (ex is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            return false; // changed or vanished while read: the walk settles it
        }
    }

    private static Mode ModeOf(FileInfo info, TreeEntry? before, bool fileMode)
    {
        if (info.LinkTarget is not null)
        {
            return Mode.SymbolicLink;
        }

        if (!fileMode)
        {
            // git keeps the recorded executable bit when the file system's is not trusted.
            return before?.Mode == Mode.ExecutableFile ? Mode.ExecutableFile : Mode.NonExecutableFile;
        }

        return OperatingSystem.IsWindows() || (info.UnixFileMode & UnixFileMode.UserExecute) == 0 ? Mode.NonExecutableFile : Mode.ExecutableFile;
    }

    /// <summary>A path at or below a submodule: <c>git add</c> records the submodule's commit, not its files.</summary>
    private static bool UnderSubmodule(Tree tree, string path)
    {
        for (var slash = path.IndexOf('/'); ; slash = path.IndexOf('/', slash + 1))
        {
            var prefix = slash < 0 ? path : path[..slash];
            var entry = tree[prefix];
            if (entry is null || entry.Mode == Mode.GitLink)
            {
                return entry is not null;
            }

            if (slash < 0 || entry.TargetType != TreeEntryTargetType.Tree)
            {
                return false;
            }
        }
    }

    /// <summary>Clean filters run by an external program (git-lfs and the like) exist only for the git CLI.</summary>
    private static bool HasFilterDrivers(Repository repo) =>
        repo.Config.Any(entry => entry.Key.StartsWith("filter.", StringComparison.Ordinal) && (entry.Key.EndsWith(".clean", StringComparison.Ordinal) || entry.Key.EndsWith(".process", StringComparison.Ordinal)));
}
