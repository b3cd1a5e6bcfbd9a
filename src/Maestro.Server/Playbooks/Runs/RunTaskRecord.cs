using Maestro.Protocol;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>One attempt at a task: a row of <c>run_tasks</c>.</summary>
public sealed record RunTaskRecord
{
    public required string RunId { get; init; }

    public required int Seq { get; init; }

    public required int Loop { get; init; }

    public required string Document { get; init; }

    public required int Ordinal { get; init; }

    public required int Line { get; init; }

    public required string Text { get; init; }

    public required int Attempt { get; init; }

    public string? SessionId { get; init; }

    public required RunTaskStatus Status { get; init; }

    public string? Message { get; init; }

    public Usage Usage { get; init; } = Usage.Zero;

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }
}
