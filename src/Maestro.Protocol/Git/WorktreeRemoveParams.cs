namespace Maestro.Protocol;

public sealed record WorktreeRemoveParams
{
    public required string Path { get; init; }

    public bool Force { get; init; }

    /// <summary>The host (<c>hosts/add</c>) to ask; absent for this machine. Paths are paths there.</summary>
    public string? Host { get; init; }
}
