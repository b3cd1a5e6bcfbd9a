namespace Maestro.Protocol;

/// <summary>Params of <c>review/accept</c> and <c>review/reject</c>: hunks by id, whole files by path, or both.</summary>
public sealed record ReviewSelectionParams
{
    public required string Cwd { get; init; }

    public IReadOnlyList<string>? HunkIds { get; init; }

    public IReadOnlyList<string>? Paths { get; init; }
}
