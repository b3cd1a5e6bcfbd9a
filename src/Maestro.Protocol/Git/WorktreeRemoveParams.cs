namespace Maestro.Protocol;

public sealed record WorktreeRemoveParams
{
    public required string Path { get; init; }

    public bool Force { get; init; }
}
