namespace Maestro.Protocol;

public sealed record ToolCallUpdateEvent : SessionEvent
{
    public required string ToolCallId { get; init; }

    public required ToolCallStatus Status { get; init; }

    public string? Output { get; init; }

    /// <summary>
    /// True when the session's permission mode refused the call, so it never ran (Status is then <c>failed</c>): a
    /// headless run names these in its failure reason, with how to allow them.
    /// </summary>
    public bool? Refused { get; init; }
}
