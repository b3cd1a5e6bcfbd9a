namespace Maestro.Protocol;

public sealed record PlaybookRunParams
{
    public required string Path { get; init; }

    public required string AgentId { get; init; }

    public WorktreeRequest? Worktree { get; init; }

    public int? Loops { get; init; }

    public RunBudget? Budget { get; init; }

    /// <summary>Where the agents work; by default the git repository holding the playbook, else the playbook's folder.</summary>
    public string? Cwd { get; init; }
}
