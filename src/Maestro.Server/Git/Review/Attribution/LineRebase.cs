namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// Carries one change of a file over onto a version that others changed since: the changes from
/// <c>from</c> to <c>to</c> are applied to <c>current</c>, which is <c>from</c> plus changes of its own. Lines neither
/// side changed stay byte for byte, and so does every line only <c>current</c> changed: this is how a reject reverts
/// an agent's hunk without touching the user's edits around it. Where both changed the same lines the rebase
/// conflicts, unless forced, when <c>to</c>'s lines win and <c>current</c>'s lines there are reported as lost.
/// </summary>
internal static class LineRebase
{
    public static LineRebaseResult Apply(IReadOnlyList<string> from, IReadOnlyList<string> to, IReadOnlyList<string> current, bool force = false)
    {
        var ours = LineBlock.Between(from, to);
        var theirs = LineBlock.Between(from, current);
        var clashing = theirs.Where(t => ours.Any(o => o.Overlaps(t))).ToList();
        if (clashing.Count > 0 && !force)
        {
            return new LineRebaseResult(null, clashing);
        }

        // Forced: each group of overlapping changes becomes one change of the span they cover, holding only ours.
        var merged = new List<LineBlock>();
        var pending = ours.Select(o => (Block: o, Ours: true)).Concat(theirs.Select(t => (Block: t, Ours: false)))
            .OrderBy(x => x.Block.Start).ThenBy(x => x.Block.End).ToList();
        var used = new bool[pending.Count];
        for (var k = 0; k < pending.Count; k++)
        {
            if (used[k])
            {
                continue;
            }

            used[k] = true;
            var group = new List<(LineBlock Block, bool Ours)> { pending[k] };
            bool grew;
            do
            {
                grew = false;
                for (var m = 0; m < pending.Count; m++)
                {
                    if (!used[m] && group.Any(g => g.Ours != pending[m].Ours && g.Block.Overlaps(pending[m].Block)))
                    {
                        used[m] = true;
                        group.Add(pending[m]);
                        grew = true;
                    }
                }
            }
            while (grew);

            if (group.Count == 1)
            {
                merged.Add(group[0].Block);
                continue;
            }

            var start = group.Min(g => g.Block.Start);
            var end = group.Max(g => g.Block.End);
            merged.Add(new LineBlock(start, end, Replay(from, start, end, group.Where(g => g.Ours).Select(g => g.Block))));
        }

        return new LineRebaseResult(Replay(from, 0, from.Count, merged), clashing);
    }

    /// <summary>Lines [start, end) of <paramref name="from"/> with <paramref name="blocks"/> (all inside that span, not overlapping) applied.</summary>
    private static List<string> Replay(IReadOnlyList<string> from, int start, int end, IEnumerable<LineBlock> blocks)
    {
        var result = new List<string>();
        var cursor = start;

        // At one position an insertion goes before a change of the lines there.
        foreach (var block in blocks.OrderBy(b => b.Start).ThenBy(b => b.End))
        {
            for (; cursor < block.Start; cursor++)
            {
                result.Add(from[cursor]);
            }

            result.AddRange(block.Lines);
            cursor = Math.Max(cursor, block.End);
        }

        for (; cursor < end; cursor++)
        {
            result.Add(from[cursor]);
        }

        return result;
    }
}
