namespace Maestro.Server.Git.Review;

/// <summary>Applies a subset of a file's hunks: forward onto the index version (accept) or backward onto the working version (reject).</summary>
internal static class PatchApplier
{
    /// <summary>The index version with <paramref name="selected"/> applied: the new blob to stage.</summary>
    public static List<string> Accept(IReadOnlyList<string> oldLines, IEnumerable<DiffHunk> selected)
    {
        var result = new List<string>(oldLines.Count);
        var cursor = 0;
        foreach (var hunk in selected.OrderBy(h => h.OldStart))
        {
            result.AddRange(oldLines.Skip(cursor).Take(hunk.OldStart - cursor));
            result.AddRange(hunk.NewSide);
            cursor = hunk.OldStart + hunk.OldCount;
        }

        result.AddRange(oldLines.Skip(cursor));
        return result;
    }

    /// <summary>The working version with <paramref name="selected"/> reverted to the index: the file to write.</summary>
    public static List<string> Reject(IReadOnlyList<string> newLines, IEnumerable<DiffHunk> selected)
    {
        var result = new List<string>(newLines.Count);
        var cursor = 0;
        foreach (var hunk in selected.OrderBy(h => h.NewStart))
        {
            result.AddRange(newLines.Skip(cursor).Take(hunk.NewStart - cursor));
            result.AddRange(hunk.OldSide);
            cursor = hunk.NewStart + hunk.NewCount;
        }

        result.AddRange(newLines.Skip(cursor));
        return result;
    }
}
