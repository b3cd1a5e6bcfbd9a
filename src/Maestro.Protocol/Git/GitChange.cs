namespace Maestro.Protocol;

public sealed record GitChange
{
    public required string Path { get; init; }

    public required ChangeStatus Status { get; init; }

    /// <summary>True when the change is in the index, false when only in the working tree.</summary>
    public bool Staged { get; init; }

    public string? OldPath { get; init; }
}
