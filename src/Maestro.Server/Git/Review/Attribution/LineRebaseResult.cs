namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// A rebase's outcome: the new lines (null when it conflicted and was not forced) and the changes of the current
/// version that clashed with the one carried over (lost, when forced).
/// </summary>
internal sealed record LineRebaseResult(List<string>? Lines, IReadOnlyList<LineBlock> Clashing)
{
    public bool Conflicted => Lines is null;
}
