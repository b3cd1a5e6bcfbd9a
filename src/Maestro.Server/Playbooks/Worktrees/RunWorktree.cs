namespace Maestro.Server.Playbooks.Worktrees;

/// <summary>The worktree a run works in: the repository it belongs to, its folder and its branch.</summary>
public sealed record RunWorktree(string RepositoryRoot, string Path, string Branch)
{
    /// <summary>The branch existed before the run (its worktree was found, or made again); the base was not used.</summary>
    public bool Reused { get; init; }
}
