namespace Maestro.Protocol;

public sealed record ErrorEvent : SessionEvent
{
    public required string Message { get; init; }

    /// <summary>The tail of the agent's stderr or other detail, secrets removed.</summary>
    public string? Detail { get; init; }
}
