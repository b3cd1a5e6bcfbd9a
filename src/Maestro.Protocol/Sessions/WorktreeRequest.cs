namespace Maestro.Protocol;

/// <summary>Asks for a fresh worktree on a new branch.</summary>
public sealed record WorktreeRequest
{
    public required string Branch { get; init; }

    public string? Base { get; init; }
}
