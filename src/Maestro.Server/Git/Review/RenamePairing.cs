using Maestro.Protocol;

namespace Maestro.Server.Git.Review;

/// <summary>
/// Finds renames in the working tree: a deleted tracked file and an untracked file with the same content, or
/// (for text) at least half their lines in common, as git's 50% similarity. The pair becomes one renamed file
/// diffed against the old path's index version.
/// </summary>
internal static class RenamePairing
{
    private const double Threshold = 0.5;

    /// <summary>Beyond this many deleted x untracked comparisons only exact renames are looked for.</summary>
    private const int MaxSimilarityComparisons = 2_500;

    public static List<ReviewEntry> Pair(List<ReviewEntry> entries)
    {
        var deleted = entries.Where(e => e.Status == ChangeStatus.Deleted).ToList();
        var untracked = entries.Where(e => e.Status == ChangeStatus.Untracked && e.WorkingMode != LibGit2Sharp.Mode.SymbolicLink).ToList();
        if (deleted.Count == 0 || untracked.Count == 0)
        {
            return entries;
        }

        var similarity = deleted.Count * untracked.Count <= MaxSimilarityComparisons;
        var result = new List<ReviewEntry>(entries);
        foreach (var gone in deleted.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            ReviewEntry? best = null;
            var bestScore = 0.0;
            foreach (var candidate in untracked)
            {
                var score = gone.IndexContent.AsSpan().SequenceEqual(candidate.WorkingContent) ? 1.0
                    : similarity && !gone.Binary && !candidate.Binary ? Similarity(gone.OldLines, candidate.NewLines)
                    : 0.0;
                if (score > bestScore || (score == bestScore && best is not null && string.CompareOrdinal(candidate.Path, best.Path) < 0))
                {
                    best = candidate;
                    bestScore = score;
                }
            }

            if (best is null || bestScore < Threshold)
            {
                continue;
            }

            untracked.Remove(best);
            result.Remove(gone);
            result.Remove(best);
            result.Add(best with
            {
                OldPath = gone.Path,
                Status = ChangeStatus.Renamed,
                Binary = gone.Binary || best.Binary,
                IndexMode = gone.IndexMode,
                IndexContent = gone.IndexContent,
                OldLines = gone.OldLines,
            });
        }

        return result;
    }

    private static double Similarity(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count + b.Count == 0)
        {
            return 1.0;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in a)
        {
            counts[line] = counts.GetValueOrDefault(line) + 1;
        }

        var common = 0;
        foreach (var line in b)
        {
            if (counts.GetValueOrDefault(line) is > 0 and var n)
            {
                counts[line] = n - 1;
                common++;
            }
        }

        return 2.0 * common / (a.Count + b.Count);
    }
}
