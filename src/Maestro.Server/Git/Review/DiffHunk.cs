namespace Maestro.Server.Git.Review;

/// <summary>
/// A hunk in 0-based line indexes: old lines [OldStart, OldStart + OldCount) of the index version become new
/// lines [NewStart, NewStart + NewCount) of the working file. Context lines are part of both ranges.
/// </summary>
internal sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<DiffLine> Lines)
{
    public string Id { get; init; } = string.Empty;

    public IEnumerable<string> OldSide => Lines.Where(l => l.Op != '+').Select(l => l.Text);

    public IEnumerable<string> NewSide => Lines.Where(l => l.Op != '-').Select(l => l.Text);
}
