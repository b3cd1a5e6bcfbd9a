using Maestro.Protocol;

namespace Maestro.Server.Cli.Runs;

/// <summary>The last JSON line of <c>maestro run --json</c>: how the run ended and the exit code that follows.</summary>
internal sealed record RunSummary
{
    public string Event { get; init; } = "summary";

    public required string RunId { get; init; }

    public required string Playbook { get; init; }

    public required string AgentId { get; init; }

    public required RunStatus Status { get; init; }

    public RunOutcome? Outcome { get; init; }

    public required int Total { get; init; }

    public required int Done { get; init; }

    public required int Failed { get; init; }

    public required int TasksRun { get; init; }

    public required int Loop { get; init; }

    public required int Loops { get; init; }

    public required long ElapsedMs { get; init; }

    public required Usage Usage { get; init; }

    public string? Reason { get; init; }

    public string? Worktree { get; init; }

    public string? Branch { get; init; }

    public required IReadOnlyList<string> SessionIds { get; init; }

    public required int ExitCode { get; init; }

    /// <summary>True when this command's Ctrl-C (or SIGTERM) stopped the run: the next <c>maestro run</c> of the playbook goes on with it.</summary>
    public bool? Continues { get; init; }

    public static RunSummary From(Run run, int exitCode) => new()
    {
        RunId = run.Id,
        Playbook = run.Playbook,
        AgentId = run.AgentId,
        Status = run.Status,
        Outcome = run.Outcome,
        Total = run.Total,
        Done = run.Done,
        Failed = run.Failed,
        TasksRun = run.TasksRun,
        Loop = run.Loop,
        Loops = run.Loops,
        ElapsedMs = (long)((run.EndedAt ?? DateTimeOffset.UtcNow) - run.StartedAt).TotalMilliseconds,
        Usage = run.Usage,
        Reason = run.Reason,
        Worktree = run.Worktree,
        Branch = run.Branch,
        SessionIds = run.SessionIds,
        ExitCode = exitCode,
    };
}
