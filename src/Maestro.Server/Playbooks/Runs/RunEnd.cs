using Maestro.Protocol;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>How and why a run ended.</summary>
internal sealed record RunEnd(RunStatus Status, RunOutcome Outcome, string? Reason)
{
    public static RunEnd Done { get; } = new(RunStatus.Done, RunOutcome.Done, null);

    public static RunEnd Stopped(string reason) => new(RunStatus.Stopped, RunOutcome.Stopped, reason);

    public static RunEnd Budget(string reason) => new(RunStatus.Stopped, RunOutcome.BudgetExceeded, reason);

    public static RunEnd TaskFailed(string reason) => new(RunStatus.Failed, RunOutcome.TaskFailed, reason);

    /// <summary>A halt marker ended the run: stopped on purpose by the playbook's own agent, not failed by Maestro.</summary>
    public static RunEnd Halted(string reason) => new(RunStatus.Stopped, RunOutcome.Halted, reason);
}
