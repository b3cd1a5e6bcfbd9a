namespace Maestro.Server.Playbooks.Worktrees;

/// <summary>
/// How a run gets a worktree of its own. The Git feature's WorktreeService is the natural implementation;
/// <see cref="GitFeatureRunWorktrees"/> is it; the interface keeps the runner testable on its own.
/// </summary>
public interface IRunWorktrees
{
    /// <summary>The root of the git repository (or worktree) holding <paramref name="path"/>; null when it is in none.</summary>
    Task<string?> RepositoryRootAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// A worktree on <paramref name="branch"/> of the repository holding <paramref name="repository"/>: a new branch from
    /// <paramref name="baseRef"/>, or, when the branch exists, the worktree it is checked out in (or a new one of it).
    /// </summary>
    /// <param name="baseRef">The commit-ish a new branch starts from; HEAD when null.</param>
    Task<RunWorktree> CreateAsync(string repository, string branch, string? baseRef, CancellationToken cancellationToken);
}
