namespace Maestro.Protocol;

public sealed record ReviewUndoResult
{
    /// <summary>How many files the undo put back.</summary>
    public required int Restored { get; init; }
}
