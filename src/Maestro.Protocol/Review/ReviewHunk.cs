namespace Maestro.Protocol;

public sealed record ReviewHunk
{
    /// <summary>A hash of the path, position and content: stable while the file does not change.</summary>
    public required string Id { get; init; }

    public required int OldStart { get; init; }

    public required int OldLines { get; init; }

    public required int NewStart { get; init; }

    public required int NewLines { get; init; }

    public required string Header { get; init; }

    /// <summary>Unified diff lines, each starting with ' ', '+', '-' or '\'.</summary>
    public required IReadOnlyList<string> Lines { get; init; }
}
