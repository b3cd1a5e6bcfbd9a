namespace Maestro.Protocol;

/// <summary>
/// A file whose agent changes of one session were decided, by any client: the latest decision on that session's
/// changes to the file that was not undone. The same file may still have pending hunks of the session (a decision
/// on some of them); those are in <c>files</c>.
/// </summary>
public sealed record ReviewDecidedFile
{
    public required string SessionId { get; init; }

    /// <summary>The turn whose change the decision was about.</summary>
    public string? TurnId { get; init; }

    /// <summary>Repository-relative, as a review file's <c>path</c>.</summary>
    public required string Path { get; init; }

    public required ReviewOutcome Outcome { get; init; }

    /// <summary>The decision, for <c>review/undo</c>.</summary>
    public required string DecisionId { get; init; }
}
