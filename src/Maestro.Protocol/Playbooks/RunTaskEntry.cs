namespace Maestro.Protocol;

/// <summary>A task of a run's playbook (<c>runs/tasks</c>): where it is, what it says, where it stands, and its attempts.</summary>
public sealed record RunTaskEntry
{
    public required string Document { get; init; }

    /// <summary>1-based line of the checkbox in the document, as it reads now.</summary>
    public required int Line { get; init; }

    public required string Text { get; init; }

    public required RunTaskState State { get; init; }

    /// <summary>This run's attempts at the task, oldest first (every loop's); empty for a task it never gave to an agent.</summary>
    public required IReadOnlyList<RunTaskAttempt> Attempts { get; init; }
}
