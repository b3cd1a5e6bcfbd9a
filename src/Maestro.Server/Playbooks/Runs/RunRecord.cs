using Maestro.Protocol;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>A run as stored in <c>runs</c>: the protocol's <see cref="Run"/> plus what resuming it needs.</summary>
public sealed record RunRecord
{
    public required string Id { get; init; }

    /// <summary>The playbook the run ticks: the requested one, or its copy in the run's worktree.</summary>
    public required string Playbook { get; init; }

    public required string AgentId { get; init; }

    public required RunOrigin Origin { get; init; }

    public required RunStatus Status { get; init; }

    public RunOutcome? Outcome { get; init; }

    public string? Reason { get; init; }

    public required string Cwd { get; init; }

    public string? Worktree { get; init; }

    public string? Branch { get; init; }

    public required RunSettings Settings { get; init; }

    /// <summary>The current pass, 1-based.</summary>
    public int Loop { get; init; } = 1;

    /// <summary>The boxes of <see cref="Loop"/> still have to be reset (a crash can fall between storing the loop and resetting).</summary>
    public bool ResetPending { get; init; }

    public int Total { get; init; }

    public int Done { get; init; }

    public int Failed { get; init; }

    public int TasksRun { get; init; }

    public RunTask? Current { get; init; }

    public Usage Usage { get; init; } = Usage.Zero;

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public Run ToRun(IReadOnlyList<string> sessionIds) => new()
    {
        Id = Id,
        Playbook = Playbook,
        AgentId = AgentId,
        Status = Status,
        Total = Total,
        Done = Done,
        Failed = Failed,
        Loop = Loop,
        Loops = Settings.Loops,
        TasksRun = TasksRun,
        CurrentTask = Current,
        SessionIds = sessionIds,
        StartedAt = StartedAt,
        EndedAt = EndedAt,
        Usage = Usage,
        Reason = Reason,
        Outcome = Outcome,
        Cwd = Cwd,
        Worktree = Worktree,
        Branch = Branch,
    };
}
