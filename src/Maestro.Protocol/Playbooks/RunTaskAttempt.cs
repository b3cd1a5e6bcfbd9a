namespace Maestro.Protocol;

/// <summary>One attempt at a task of a run: each runs in a fresh session, whose history stays.</summary>
public sealed record RunTaskAttempt
{
    /// <summary>1 for the first try, 2 for the first retry, and so on (counted per loop).</summary>
    public required int Attempt { get; init; }

    /// <summary>The pass over the playbook it ran in (1-based).</summary>
    public int Loop { get; init; } = 1;

    public string? SessionId { get; init; }

    /// <summary>Why the attempt did not finish the task (or what else it noticed); absent while it runs and when it did.</summary>
    public string? Message { get; init; }
}
