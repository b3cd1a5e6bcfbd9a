namespace Maestro.Protocol;

/// <summary>A streamed piece of an agent message; the final <see cref="MessageEvent"/> carries the whole text.</summary>
public sealed record MessageDeltaEvent : SessionEvent
{
    public required string Text { get; init; }

    /// <summary>"assistant" or "thought".</summary>
    public string Role { get; init; } = "assistant";
}
