namespace Maestro.Protocol;

/// <summary>One agent's Playbook record: tasks attempted and done, success rate, and cost per completed task.</summary>
public sealed record AgentLeaderboardEntry
{
    public required string AgentId { get; init; }

    public required long AutoRunMs { get; init; }

    public required long Runs { get; init; }

    /// <summary>Task attempts that came to an end (done, not done or failed); stopped and interrupted ones are left out.</summary>
    public required long TasksAttempted { get; init; }

    public required long TasksDone { get; init; }

    /// <summary>Done over attempted, 0..1; null before any attempt ended.</summary>
    public double? SuccessRate { get; init; }

    public required decimal CostUsd { get; init; }

    /// <summary>Cost of every attempt over the tasks done; null before a task was done.</summary>
    public decimal? CostPerTaskUsd { get; init; }
}
