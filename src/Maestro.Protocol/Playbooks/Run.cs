namespace Maestro.Protocol;

public sealed record Run
{
    public required string Id { get; init; }

    public required string Playbook { get; init; }

    public required string AgentId { get; init; }

    public required RunStatus Status { get; init; }

    public required int Total { get; init; }

    public required int Done { get; init; }

    public required int Failed { get; init; }

    public int Loop { get; init; }

    public RunTask? CurrentTask { get; init; }

    public required IReadOnlyList<string> SessionIds { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public required Usage Usage { get; init; }

    /// <summary>Why the run ended, when it did not finish every task.</summary>
    public string? Reason { get; init; }

    /// <summary>How the run ended; null while it runs.</summary>
    public RunOutcome? Outcome { get; init; }

    /// <summary>How many passes over the playbook the run makes; <see cref="Loop"/> is the current one (1-based).</summary>
    public int Loops { get; init; } = 1;

    /// <summary>Tasks given to an agent so far (a retry is the same task), what <c>budget.maxTasks</c> counts.</summary>
    public int TasksRun { get; init; }

    /// <summary>The folder the agents work in.</summary>
    public string? Cwd { get; init; }

    /// <summary>The worktree the run made for itself, when it was asked to run on a branch.</summary>
    public string? Worktree { get; init; }

    public string? Branch { get; init; }

    /// <summary>While <see cref="Status"/> is <c>waiting</c>: the provider outage the current task's agent waits out.</summary>
    public RunWait? Waiting { get; init; }

    /// <summary>While <see cref="Status"/> is <c>waiting</c> at a human-in-the-loop gate: what the person is asked to do.</summary>
    public RunGate? Gate { get; init; }

    /// <summary>The host (<c>hosts/add</c>) the run runs on; absent for a run of this machine. Its paths are paths there.</summary>
    public string? Host { get; init; }
}
