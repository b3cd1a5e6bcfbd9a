namespace Maestro.Protocol;

public sealed record ReviewFile
{
    public required string Path { get; init; }

    public string? OldPath { get; init; }

    public required ChangeStatus Status { get; init; }

    public required bool Binary { get; init; }

    public required IReadOnlyList<ReviewHunk> Hunks { get; init; }
}
