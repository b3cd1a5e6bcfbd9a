namespace Maestro.Server.Playbooks.Worktrees;

/// <summary>A fresh worktree made for a run: the repository it belongs to, its folder and its branch.</summary>
public sealed record RunWorktree(string RepositoryRoot, string Path, string Branch);
