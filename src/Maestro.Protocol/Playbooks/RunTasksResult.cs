namespace Maestro.Protocol;

public sealed record RunTasksResult
{
    public required string RunId { get; init; }

    /// <summary>Every task of the run's documents in run order (document by document, top to bottom).</summary>
    public required IReadOnlyList<RunTaskEntry> Tasks { get; init; }

    /// <summary>The run's host (<c>hosts/add</c>) when it runs there; its paths are paths there.</summary>
    public string? Host { get; init; }
}
