namespace Maestro.Server.Git.Review.Attribution;

/// <summary>One change between two versions of a file: lines [Start, End) of the first become <see cref="Lines"/>.</summary>
internal sealed record LineBlock(int Start, int End, IReadOnlyList<string> Lines)
{
    public bool IsInsertion => Start == End;

    /// <summary>
    /// Two changes of the same lines cannot both be kept. Changes that only touch (one ends where the other begins)
    /// can, except two insertions at the same place, whose order nobody could tell.
    /// </summary>
    public bool Overlaps(LineBlock other)
        => (Start < other.End && other.Start < End) || (IsInsertion && other.IsInsertion && Start == other.Start);

    /// <summary>The changes that turn <paramref name="from"/> into <paramref name="to"/>, in order.</summary>
    public static List<LineBlock> Between(IReadOnlyList<string> from, IReadOnlyList<string> to)
    {
        var (deleted, inserted) = LineDiff.Compare(from, to);
        var blocks = new List<LineBlock>();
        int i = 0, j = 0;
        while (i < from.Count || j < to.Count)
        {
            if ((i < from.Count && deleted[i]) || (j < to.Count && inserted[j]))
            {
                var start = i;
                var lines = new List<string>();
                while (i < from.Count && deleted[i])
                {
                    i++;
                }

                while (j < to.Count && inserted[j])
                {
                    lines.Add(to[j++]);
                }

                // Deletions and insertions may alternate inside one change run.
                while ((i < from.Count && deleted[i]) || (j < to.Count && inserted[j]))
                {
                    while (i < from.Count && deleted[i])
                    {
                        i++;
                    }

                    while (j < to.Count && inserted[j])
                    {
                        lines.Add(to[j++]);
                    }
                }

                blocks.Add(new LineBlock(start, i, lines));
                continue;
            }

            i++;
            j++;
        }

        return blocks;
    }
}
