namespace Maestro.Protocol;

public sealed record ReviewAcceptResult
{
    public required int Accepted { get; init; }

    /// <summary>What <c>review/undo</c> takes to take this back (agent baseline only).</summary>
    public string? DecisionId { get; init; }
}
