namespace Maestro.Server.Chat;

/// <summary>A room's row (the participants are rows of their own).</summary>
public sealed record ChatRoomRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Cwd { get; init; }

    public string? ModeratorAgent { get; init; }

    public string? ModeratorSession { get; init; }

    public required int MaxRounds { get; init; }

    public required bool Parallel { get; init; }

    public bool Closed { get; init; }

    /// <summary>"idle" or "working": what the room was doing, read back after a crash.</summary>
    public string TurnState { get; init; } = "idle";

    /// <summary>The participant last addressed; it answers a message with no mention when the room has no moderator.</summary>
    public string? LastAddressed { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
