namespace Maestro.Protocol;

public sealed record ReviewRejectResult
{
    public required int Rejected { get; init; }

    /// <summary>What <c>review/undo</c> takes to take this back (agent baseline only).</summary>
    public string? DecisionId { get; init; }

    /// <summary>Files the agent created that were moved to Maestro's trash rather than deleted (repository-relative).</summary>
    public IReadOnlyList<string>? Trashed { get; init; }

    /// <summary>With <c>apply: false</c>: the new text of each file the server did not write, for the client to write.</summary>
    public IReadOnlyList<ReviewFileContent>? Contents { get; init; }
}
