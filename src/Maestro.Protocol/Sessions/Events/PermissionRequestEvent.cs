namespace Maestro.Protocol;

/// <summary>Recorded in the transcript when an agent asks for permission, with the answer once given.</summary>
public sealed record PermissionRequestEvent : SessionEvent
{
    public required PermissionToolCall ToolCall { get; init; }

    public required IReadOnlyList<PermissionOption> Options { get; init; }

    public string? ChosenOptionId { get; init; }
}
