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
}
