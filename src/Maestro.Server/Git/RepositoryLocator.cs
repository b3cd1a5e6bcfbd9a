using LibGit2Sharp;
using Maestro.Server.Git.Errors;

namespace Maestro.Server.Git;

/// <summary>Finds the repository or linked worktree that holds a path, and checks that path params stay inside it.</summary>
public sealed class RepositoryLocator
{
    /// <summary>The repository or worktree containing <paramref name="path"/> (a file or folder at any depth).</summary>
    /// <exception cref="NotARepositoryException">No repository holds it, or it has no working tree.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A service other features inject.")]
    public GitRepositoryPath Locate(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw new NotARepositoryException(path ?? string.Empty, $"'{path}' is not an absolute path; give the full path of a folder inside a repository.");
        }

        var start = path;
        while (!Directory.Exists(start) && !File.Exists(start))
        {
            start = Path.GetDirectoryName(start);
            if (start is null)
            {
                throw new NotARepositoryException(path, $"'{path}' does not exist.");
            }
        }

        var gitDir = Repository.Discover(start);
        if (gitDir is null)
        {
            throw new NotARepositoryException(path);
        }

        using var repo = new Repository(gitDir);
        if (repo.Info.IsBare || repo.Info.WorkingDirectory is null)
        {
            throw new NotARepositoryException(path, $"'{path}' is in a bare repository, which has no working tree to review or check.");
        }

        var root = RealPath.Resolve(repo.Info.WorkingDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return new GitRepositoryPath(root, repo.Info.Path);
    }

    /// <summary>
    /// Turns a path param (relative to the root, or absolute) into a '/'-separated repository-relative path,
    /// refusing one that leaves the working tree, goes through a symlink pointing out, or enters the git directory.
    /// </summary>
    /// <returns>The relative path; empty for the root itself.</returns>
    public static string ToRelative(GitRepositoryPath repository, string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new PathOutsideWorkspaceException(path ?? string.Empty, repository.Root);
        }

        var combined = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(repository.Root, path)).TrimEnd(Path.DirectorySeparatorChar);
        string resolved;
        try
        {
            if (string.Equals(RealPath.Resolve(combined), repository.Root, StringComparison.Ordinal))
            {
                return string.Empty;
            }

            // The folders are resolved; the last component keeps its own name (a symlink in the tree is
            // reviewed as a link), but a link pointing out of the tree is refused all the same.
            var parent = RealPath.Resolve(Path.GetDirectoryName(combined) ?? combined);
            resolved = Path.Combine(parent, Path.GetFileName(combined));
            if (new FileInfo(resolved).LinkTarget is not null && !RealPath.IsUnder(RealPath.Resolve(resolved), repository.Root))
            {
                throw new PathOutsideWorkspaceException(path, repository.Root);
            }
        }
        catch (IOException)
        {
            throw new PathOutsideWorkspaceException(path, repository.Root);
        }

        if (!RealPath.IsUnder(resolved, repository.Root) || string.Equals(resolved, repository.Root, StringComparison.Ordinal))
        {
            throw new PathOutsideWorkspaceException(path, repository.Root);
        }

        var relative = Path.GetRelativePath(repository.Root, resolved).Replace(Path.DirectorySeparatorChar, '/');
        if (relative == ".git" || relative.StartsWith(".git/", StringComparison.Ordinal))
        {
            throw new PathOutsideWorkspaceException(path, repository.Root);
        }

        return relative;
    }
}
