namespace Maestro.Server.Git.Review;

/// <summary>Splits the diff of two line lists into git-style hunks: changes with three lines of context, merged when their contexts touch.</summary>
internal static class HunkDiff
{
    public const int Context = 3;

    public static IReadOnlyList<DiffHunk> Compute(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        var (deleted, inserted) = LineDiff.Compare(oldLines, newLines);

        // The edit script in order: per change block, deletions before insertions, as git prints them.
        var ops = new List<(char Op, int Old, int New)>(Math.Max(oldLines.Count, newLines.Count));
        int i = 0, j = 0;
        while (i < oldLines.Count || j < newLines.Count)
        {
            if (i < oldLines.Count && deleted[i])
            {
                ops.Add(('-', i++, j));
            }
            else if (j < newLines.Count && inserted[j])
            {
                ops.Add(('+', i, j++));
            }
            else
            {
                ops.Add((' ', i++, j++));
            }
        }

        var hunks = new List<DiffHunk>();
        var k = 0;
        while (k < ops.Count)
        {
            if (ops[k].Op == ' ')
            {
                k++;
                continue;
            }

            // A run of changes, extended while the next change is within 2 x context of unchanged lines.
            var first = k;
            var last = k;
            var scan = k;
            while (scan < ops.Count)
            {
                if (ops[scan].Op != ' ')
                {
                    last = scan;
                    scan++;
                    continue;
                }

                var gapEnd = scan;
                while (gapEnd < ops.Count && ops[gapEnd].Op == ' ')
                {
                    gapEnd++;
                }

                if (gapEnd < ops.Count && gapEnd - scan <= 2 * Context)
                {
                    scan = gapEnd;
                    continue;
                }

                break;
            }

            var start = first;
            var leading = 0;
            while (start > 0 && ops[start - 1].Op == ' ' && leading < Context)
            {
                start--;
                leading++;
            }

            var end = last + 1;
            var trailing = 0;
            while (end < ops.Count && ops[end].Op == ' ' && trailing < Context)
            {
                end++;
                trailing++;
            }

            var lines = new List<DiffLine>(end - start);
            int oldCount = 0, newCount = 0;
            for (var m = start; m < end; m++)
            {
                var (op, o, n) = ops[m];
                lines.Add(new DiffLine(op, op == '+' ? newLines[n] : oldLines[o]));
                if (op != '+')
                {
                    oldCount++;
                }

                if (op != '-')
                {
                    newCount++;
                }
            }

            hunks.Add(new DiffHunk(ops[start].Old, oldCount, ops[start].New, newCount, lines));
            k = end;
        }

        return hunks;
    }
}
