namespace Maestro.Server.Agents.Running;

public sealed record AgentProcessResult
{
    public required int ExitCode { get; init; }

    public required bool TimedOut { get; init; }

    public required bool Cancelled { get; init; }

    /// <summary>The last lines of stderr, secrets removed.</summary>
    public required string StderrTail { get; init; }
}
