namespace Maestro.Server.Git;

/// <summary>A located repository or linked worktree: its working tree root (symlinks resolved, no trailing slash) and git directory.</summary>
public sealed record GitRepositoryPath(string Root, string GitDir)
{
    /// <summary>The absolute path of a repository-relative path ('/' separated).</summary>
    public string Absolute(string relative) => relative.Length == 0 ? Root : Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
}
