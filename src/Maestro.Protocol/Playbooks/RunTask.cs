namespace Maestro.Protocol;

public sealed record RunTask
{
    public required string Document { get; init; }

    /// <summary>1-based line of the checkbox in the document.</summary>
    public required int Line { get; init; }

    public required string Text { get; init; }
}
