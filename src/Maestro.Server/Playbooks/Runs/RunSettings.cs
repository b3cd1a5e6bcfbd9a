using Maestro.Protocol;
using Maestro.Server.Playbooks.Config;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>A run's settings, resolved once at start (request over playbook over defaults) and stored with it.</summary>
public sealed record RunSettings
{
    public int Loops { get; init; } = 1;

    public int Retries { get; init; } = PlaybookConfig.DefaultRetries;

    public TaskFailurePolicy OnTaskFailure { get; init; } = TaskFailurePolicy.Stop;

    public RunBudget? Budget { get; init; }

    /// <summary>
    /// The most any task's session may do: the request's permission mode, else a folder playbook's settings, else
    /// acceptEdits. A document's own front matter can lower its mode but never pass this (a repository's playbook
    /// cannot grant itself <c>bypass</c>).
    /// </summary>
    public PermissionMode PermissionCeiling { get; init; } = PermissionMode.AcceptEdits;

    /// <summary>The playbook path as the user gave it (the run may work on a copy in its worktree).</summary>
    public required string RequestedPlaybook { get; init; }
}
