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

    /// <summary>The playbook path as the user gave it (the run may work on a copy in its worktree).</summary>
    public required string RequestedPlaybook { get; init; }
}
