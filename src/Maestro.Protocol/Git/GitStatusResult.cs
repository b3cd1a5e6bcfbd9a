namespace Maestro.Protocol;

public sealed record GitStatusResult
{
    public required string Root { get; init; }

    /// <summary>Null on a detached head.</summary>
    public string? Branch { get; init; }

    /// <summary>Null in a repository without commits.</summary>
    public string? Head { get; init; }

    public int Ahead { get; init; }

    public int Behind { get; init; }

    public required IReadOnlyList<GitChange> Changes { get; init; }
}
