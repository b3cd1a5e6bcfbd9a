namespace Maestro.Protocol;

/// <summary>The user's prompt that starts a turn.</summary>
public sealed record PromptEvent : SessionEvent
{
    public required string TurnId { get; init; }

    public required string Text { get; init; }
}
