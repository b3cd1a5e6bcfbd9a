namespace Maestro.Server.Stats;

/// <summary>One turn as the CSV export writes it.</summary>
public sealed record StatsExportRow
{
    public required string SessionId { get; init; }

    public required string TurnId { get; init; }

    public required string AgentId { get; init; }

    public string? Model { get; init; }

    public required string Project { get; init; }

    public string? RunId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public required string Day { get; init; }

    public required long WallMs { get; init; }

    public required long BusyMs { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required long CacheReadTokens { get; init; }

    public required long CacheWriteTokens { get; init; }

    public required decimal CostUsd { get; init; }

    public required bool CostKnown { get; init; }

    public string? StopReason { get; init; }
}
