namespace Maestro.Protocol;

public sealed record ReviewUndoParams
{
    public required string Cwd { get; init; }

    /// <summary>The id an accept or reject returned.</summary>
    public required string DecisionId { get; init; }
}
