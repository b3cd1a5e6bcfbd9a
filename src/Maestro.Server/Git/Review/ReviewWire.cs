using System.Globalization;
using Maestro.Protocol;

namespace Maestro.Server.Git.Review;

/// <summary>Turns computed review entries into the protocol's files and hunks (1-based line numbers, as in unified diffs).</summary>
internal static class ReviewWire
{
    private const string NoNewline = "\\ No newline at end of file";

    public static ReviewFile ToFile(ReviewEntry entry) => new()
    {
        Path = entry.Path,
        OldPath = entry.OldPath,
        Status = entry.Status,
        Binary = entry.Binary,
        Hunks = [.. entry.Hunks.Select(ToHunk)],
    };

    public static ReviewHunk ToHunk(DiffHunk hunk)
    {
        var oldStart = hunk.OldCount == 0 ? hunk.OldStart : hunk.OldStart + 1;
        var newStart = hunk.NewCount == 0 ? hunk.NewStart : hunk.NewStart + 1;
        var lines = new List<string>(hunk.Lines.Count + 1);
        foreach (var line in hunk.Lines)
        {
            lines.Add(line.Op + TextLines.Display(line.Text));
            if (!TextLines.HasNewline(line.Text))
            {
                lines.Add(NoNewline);
            }
        }

        return new ReviewHunk
        {
            Id = hunk.Id,
            OldStart = oldStart,
            OldLines = hunk.OldCount,
            NewStart = newStart,
            NewLines = hunk.NewCount,
            Header = string.Create(CultureInfo.InvariantCulture, $"@@ -{Range(oldStart, hunk.OldCount)} +{Range(newStart, hunk.NewCount)} @@"),
            Lines = lines,
        };
    }

    private static string Range(int start, int count)
        => count == 1 ? start.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{start},{count}");
}
