namespace Maestro.Protocol;

public sealed record MessageEvent : SessionEvent
{
    public required string Text { get; init; }

    /// <summary>The markdown rendered to sanitized HTML by the server.</summary>
    public required string Html { get; init; }

    public string Role { get; init; } = "assistant";
}
