namespace Maestro.Protocol;

/// <summary>What a run of the playbook takes from its own settings when <c>playbooks/run</c> leaves a field out, so a client can preselect it.</summary>
public sealed record PlaybookDefaults
{
    /// <summary>The settings' <c>agent</c>.</summary>
    public string? AgentId { get; init; }

    /// <summary>The most a run's agents may do: a folder playbook's <c>playbook.yaml</c> <c>permissionMode</c>; null means <c>acceptEdits</c>.</summary>
    public PermissionMode? PermissionMode { get; init; }

    public int? Loops { get; init; }

    /// <summary>The branch a run works on in a fresh worktree.</summary>
    public string? Worktree { get; init; }

    public RunBudget? Budget { get; init; }
}
