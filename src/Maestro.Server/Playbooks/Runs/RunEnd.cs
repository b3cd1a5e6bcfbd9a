using Maestro.Protocol;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>How and why a run ended.</summary>
internal sealed record RunEnd(RunStatus Status, RunOutcome Outcome, string? Reason)
{
    public static RunEnd Done { get; } = new(RunStatus.Done, RunOutcome.Done, null);

    public static RunEnd Stopped(string reason) => new(RunStatus.Stopped, RunOutcome.Stopped, reason);

    public static RunEnd Budget(string reason) => new(RunStatus.Stopped, RunOutcome.BudgetExceeded, reason);

    public static RunEnd TaskFailed(string reason) => new(RunStatus.Failed, RunOutcome.TaskFailed, reason);
}
