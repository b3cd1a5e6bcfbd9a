namespace Maestro.Protocol;

public sealed record ClientCapabilities
{
    /// <summary>The client answers <c>permissions/request</c>.</summary>
    public bool Permissions { get; init; }

    /// <summary>The client shows inline diffs and listens to <c>review/changed</c>.</summary>
    public bool InlineDiff { get; init; }

    /// <summary>The client takes <c>sessions/events</c> (batches) instead of one <c>sessions/event</c> per event.</summary>
    /// <remarks>Left out when false, so clients that predate it read and write the same JSON.</remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool BatchedEvents { get; init; }
}
