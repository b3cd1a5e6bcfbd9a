namespace Maestro.Protocol;

/// <summary>One session's share of a folder's pending agent review.</summary>
public sealed record ReviewSessionSummary
{
    public required string SessionId { get; init; }

    public required string Name { get; init; }

    public required string AgentId { get; init; }

    public required int Files { get; init; }

    public required int Hunks { get; init; }
}
