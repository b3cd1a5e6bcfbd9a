namespace Maestro.Protocol;

public sealed record ReviewUndoResult
{
    /// <summary>How many files the undo put back.</summary>
    public required int Restored { get; init; }

    /// <summary>With <c>apply: false</c>: the text each file the server did not write should now have.</summary>
    public IReadOnlyList<ReviewFileContent>? Contents { get; init; }
}
