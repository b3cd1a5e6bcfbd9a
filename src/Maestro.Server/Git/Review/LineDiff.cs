namespace Maestro.Server.Git.Review;

/// <summary>
/// Myers' O(ND) line diff in linear space (the middle-snake recursion of GNU diff), with GNU's cap on very
/// expensive comparisons: past it the split is the furthest-reaching path, still a correct diff, not a minimal one.
/// </summary>
internal sealed class LineDiff
{
    private readonly int[] a;
    private readonly int[] b;
    private readonly bool[] deleted;
    private readonly bool[] inserted;
    private readonly int[] forward;
    private readonly int[] backward;
    private readonly int offset;
    private readonly int tooExpensive;

    private LineDiff(int[] a, int[] b)
    {
        this.a = a;
        this.b = b;
        deleted = new bool[a.Length];
        inserted = new bool[b.Length];
        forward = new int[a.Length + b.Length + 3];
        backward = new int[a.Length + b.Length + 3];
        offset = b.Length + 1;
        var cost = 1;
        for (var diagonals = a.Length + b.Length + 3; diagonals != 0; diagonals >>= 2)
        {
            cost <<= 1;
        }

        tooExpensive = Math.Max(4096, cost);
    }

    /// <summary>Which old lines are deleted and which new lines are inserted.</summary>
    public static (bool[] Deleted, bool[] Inserted) Compare(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string line)
        {
            if (!ids.TryGetValue(line, out var id))
            {
                id = ids.Count;
                ids[line] = id;
            }

            return id;
        }

        var diff = new LineDiff([.. oldLines.Select(Id)], [.. newLines.Select(Id)]);
        diff.Run();
        return (diff.deleted, diff.inserted);
    }

    private void Run()
    {
        // An explicit stack: a long diff would otherwise recurse as deep as it has differences.
        var work = new Stack<(int XOff, int XLim, int YOff, int YLim)>();
        work.Push((0, a.Length, 0, b.Length));
        while (work.Count > 0)
        {
            var (xoff, xlim, yoff, ylim) = work.Pop();
            while (xoff < xlim && yoff < ylim && a[xoff] == b[yoff])
            {
                xoff++;
                yoff++;
            }

            while (xlim > xoff && ylim > yoff && a[xlim - 1] == b[ylim - 1])
            {
                xlim--;
                ylim--;
            }

            if (xoff == xlim)
            {
                Array.Fill(inserted, true, yoff, ylim - yoff);
            }
            else if (yoff == ylim)
            {
                Array.Fill(deleted, true, xoff, xlim - xoff);
            }
            else
            {
                var (xmid, ymid) = Split(xoff, xlim, yoff, ylim);
                if ((xmid == xoff && ymid == yoff) || (xmid == xlim && ymid == ylim))
                {
                    // No progress possible: call the whole range changed rather than loop.
                    Array.Fill(deleted, true, xoff, xlim - xoff);
                    Array.Fill(inserted, true, yoff, ylim - yoff);
                    continue;
                }

                work.Push((xmid, xlim, ymid, ylim));
                work.Push((xoff, xmid, yoff, ymid));
            }
        }
    }

    private (int X, int Y) Split(int xoff, int xlim, int yoff, int ylim)
    {
        var fd = forward;
        var bd = backward;
        var o = offset;
        var dmin = xoff - ylim;
        var dmax = xlim - yoff;
        var fmid = xoff - yoff;
        var bmid = xlim - ylim;
        int fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
        var odd = ((fmid - bmid) & 1) != 0;
        fd[o + fmid] = xoff;
        bd[o + bmid] = xlim;
        for (var c = 1; ; c++)
        {
            if (fmin > dmin)
            {
                fd[o + --fmin - 1] = -1;
            }
            else
            {
                ++fmin;
            }

            if (fmax < dmax)
            {
                fd[o + ++fmax + 1] = -1;
            }
            else
            {
                --fmax;
            }

            for (var d = fmax; d >= fmin; d -= 2)
            {
                int tlo = fd[o + d - 1], thi = fd[o + d + 1];
                var x = tlo >= thi ? tlo + 1 : thi;
                var y = x - d;
                while (x < xlim && y < ylim && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                fd[o + d] = x;
                if (odd && bmin <= d && d <= bmax && bd[o + d] <= x)
                {
                    return (x, y);
                }
            }

            if (bmin > dmin)
            {
                bd[o + --bmin - 1] = int.MaxValue;
            }
            else
            {
                ++bmin;
            }

            if (bmax < dmax)
            {
                bd[o + ++bmax + 1] = int.MaxValue;
            }
            else
            {
                --bmax;
            }

            for (var d = bmax; d >= bmin; d -= 2)
            {
                int tlo = bd[o + d - 1], thi = bd[o + d + 1];
                var x = tlo < thi ? tlo : thi - 1;
                var y = x - d;
                while (x > xoff && y > yoff && a[x - 1] == b[y - 1])
                {
                    x--;
                    y--;
                }

                bd[o + d] = x;
                if (!odd && fmin <= d && d <= fmax && x <= fd[o + d])
                {
                    return (x, y);
                }
            }

            if (c >= tooExpensive)
            {
                return FurthestReaching(xoff, xlim, yoff, ylim, fmin, fmax, bmin, bmax);
            }
        }
    }

    private (int X, int Y) FurthestReaching(int xoff, int xlim, int yoff, int ylim, int fmin, int fmax, int bmin, int bmax)
    {
        var o = offset;
        int fxybest = -1, fxbest = xoff;
        for (var d = fmax; d >= fmin; d -= 2)
        {
            var x = Math.Min(forward[o + d], xlim);
            var y = x - d;
            if (ylim < y)
            {
                x = ylim + d;
                y = ylim;
            }

            if (fxybest < x + y)
            {
                fxybest = x + y;
                fxbest = x;
            }
        }

        int bxybest = int.MaxValue, bxbest = xlim;
        for (var d = bmax; d >= bmin; d -= 2)
        {
            var x = Math.Max(xoff, backward[o + d]);
            var y = x - d;
            if (y < yoff)
            {
                x = yoff + d;
                y = yoff;
            }

            if (x + y < bxybest)
            {
                bxybest = x + y;
                bxbest = x;
            }
        }

        return (xlim + ylim) - bxybest < fxybest - (xoff + yoff)
            ? (fxbest, fxybest - fxbest)
            : (bxbest, bxybest - bxbest);
    }
}
