namespace Maestro.Server.Playbooks.Import;

/// <summary>An app playbook's worktree settings: the branch to run on, and whether to open a pull request after.</summary>
internal sealed record AppWorktreeSettings
{
    public string? BranchNameTemplate { get; init; }

    public bool CreatePROnCompletion { get; init; }

    public string? PrTargetBranch { get; init; }
}
