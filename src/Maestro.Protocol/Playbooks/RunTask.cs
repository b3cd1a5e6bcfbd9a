namespace Maestro.Protocol;

public sealed record RunTask
{
    public required string Document { get; init; }

    /// <summary>1-based line of the checkbox in the document.</summary>
    public required int Line { get; init; }

    public required string Text { get; init; }

    /// <summary>1 for the first try, 2 for the first retry, and so on.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The session this attempt runs in (its history stays, linked to the run).</summary>
    public string? SessionId { get; init; }
}
