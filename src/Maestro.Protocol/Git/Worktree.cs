namespace Maestro.Protocol;

public sealed record Worktree
{
    public required string Path { get; init; }

    /// <summary>Null on a detached head.</summary>
    public string? Branch { get; init; }

    public string? Head { get; init; }

    public required bool Dirty { get; init; }

    public required bool Locked { get; init; }

    /// <summary>True for the repository's main working tree.</summary>
    public bool IsMain { get; init; }

    /// <summary>The host the worktree is on; absent for this machine.</summary>
    public string? Host { get; init; }
}
