namespace Maestro.Protocol;

/// <summary>The client's answer: an option id, or cancelled.</summary>
public sealed record PermissionResponse
{
    public string? OptionId { get; init; }

    public bool Cancelled { get; init; }
}
