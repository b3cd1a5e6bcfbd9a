namespace Maestro.Server.Cli;

/// <summary>What <c>maestro review accept|reject|undo --json</c> prints: how many hunks were decided (files put back,
/// for undo), the decision's id for <c>review undo</c>, and the created files moved to Maestro's trash.</summary>
internal sealed record ReviewDecided
{
    public required int Decided { get; init; }

    public string? DecisionId { get; init; }

    public IReadOnlyList<string>? Trashed { get; init; }
}
