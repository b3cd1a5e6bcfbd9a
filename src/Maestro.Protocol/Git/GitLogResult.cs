namespace Maestro.Protocol;

public sealed record GitLogResult
{
    public required IReadOnlyList<GitCommit> Commits { get; init; }
}
