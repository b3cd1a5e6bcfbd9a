namespace Maestro.Protocol;

public sealed record PlaybookRunParams
{
    public required string Path { get; init; }

    public required string AgentId { get; init; }

    public WorktreeRequest? Worktree { get; init; }

    public int? Loops { get; init; }

    public RunBudget? Budget { get; init; }

    /// <summary>
    /// The most the run's agents may do. A playbook document may lower its own permission mode, never raise it above
    /// this. Without it: a folder playbook's <c>playbook.yaml</c> <c>permissionMode</c>, else <c>acceptEdits</c>.
    /// </summary>
    public PermissionMode? PermissionMode { get; init; }

    /// <summary>
    /// Uncheck every box before the first task, so a scheduled run starts over each time (<c>maestro run --reset</c>).
    /// </summary>
    public bool? Reset { get; init; }

    /// <summary>Where the agents work; by default the git repository holding the playbook, else the playbook's folder.</summary>
    public string? Cwd { get; init; }

    /// <summary>Runs the playbook on this host (<c>hosts/add</c>): <c>path</c> and <c>cwd</c> are paths there, its agents run there.</summary>
    public string? Host { get; init; }

    /// <summary>
    /// A stopped run of this playbook to go on with instead of starting a new one (<c>maestro run</c> passes the run its
    /// Ctrl-C stopped): it keeps its id, the tasks it ran, its cost and its start, so its budget counts on, and its
    /// settings (the other fields are not read). A run that is not stopped, or of another playbook, is refused (-32602).
    /// </summary>
    public string? ContinueRunId { get; init; }
}
