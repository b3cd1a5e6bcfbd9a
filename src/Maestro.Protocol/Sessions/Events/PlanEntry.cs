namespace Maestro.Protocol;

public sealed record PlanEntry
{
    public required string Content { get; init; }

    /// <summary>"pending", "inProgress" or "completed".</summary>
    public required string Status { get; init; }

    public string? Priority { get; init; }
}
