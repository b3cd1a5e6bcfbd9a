using System.Text.Json;

namespace Maestro.Protocol;

public sealed record ToolCallEvent : SessionEvent
{
    public required string ToolCallId { get; init; }

    /// <summary>"read", "edit", "delete", "move", "search", "execute", "think", "fetch" or "other".</summary>
    public required string Kind { get; init; }

    public required string Title { get; init; }

    public JsonElement? Input { get; init; }

    public ToolCallStatus Status { get; init; } = ToolCallStatus.Pending;
}
