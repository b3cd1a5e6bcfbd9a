using LibGit2Sharp;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// While turns of several sessions overlap in one repository: what each file an overlapping turn reported held when last
/// looked at. A look on behalf of a turn whose agent reported the file gives it the change since the last look (its write
/// landed in between), carried over onto that turn's own version of the file (<see cref="ActiveTurn.Own"/>). So a file two
/// agents edit at once is split between them hunk by hunk instead of being given whole to both. Two writes to one file
/// in the same instant, or a write nobody reported, cannot be told apart: they go to the turn that looks next. A file is
/// looked at when the tool that reported it has ended (its write done), never while it runs. Not thread-safe:
/// <see cref="TurnBaselines"/> calls it under its lock.
/// </summary>
internal sealed class OverlapLedger(GitRepositoryPath repository, string baseTree)
{
    private readonly Dictionary<string, (byte[]? Content, long Look)> last = new(StringComparer.Ordinal);
    private string baseTree = baseTree;

    /// <summary>How many looks so far: a snapshot forgets only what was seen before it started.</summary>
    public long Looks { get; private set; }

    /// <summary>Reads <paramref name="path"/> now; what changed since the last look is <paramref name="turn"/>'s.</summary>
    public void Look(ActiveTurn turn, string path)
    {
        var (now, _) = ReviewCollector.ReadWorking(repository.Absolute(path));
        var before = last.TryGetValue(path, out var seen) ? seen.Content : TreeContent(baseTree, path);
        last[path] = (now, ++Looks);
        if (Same(before, now))
        {
            return;
        }

        var own = turn.Own.TryGetValue(path, out var mine) ? mine : TreeContent(turn.OverlapTree!, path);
        turn.Own[path] = CarryOver(before, now, own);
    }

    /// <summary>
    /// A snapshot of the repository (a turn started or ended) holds every file as it is: what changed in a file nobody
    /// looked at since, and no tool is writing, was nobody's agent's (the user's), so looks start again from it.
    /// </summary>
    public void Rebase(string tree, long looksBefore, Func<string, bool> writing)
    {
        baseTree = tree;
        foreach (var path in last.Where(e => e.Value.Look <= looksBefore && !writing(e.Key)).Select(e => e.Key).ToList())
        {
            last.Remove(path);
        }
    }

    /// <summary>A file's content in a tree (null: not there, or not a file).</summary>
    public byte[]? TreeContent(string tree, string path)
    {
        using var repo = new Repository(repository.Root);
        if (repo.Lookup<Tree>(tree)?[path]?.Target is not Blob blob)
        {
            return null;
        }

        using var stream = blob.GetContentStream();
        var bytes = new byte[blob.Size];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// The change <paramref name="before"/> → <paramref name="now"/> applied to <paramref name="own"/>. Where the other
    /// agent changed the same lines, those lines are taken as they are now (this agent wrote last there); a file created
    /// or deleted under the other is taken whole, as it is now.
    /// </summary>
    private static byte[]? CarryOver(byte[]? before, byte[]? now, byte[]? own)
    {
        if (Same(own, before) || before is null || now is null || own is null)
        {
            return now;
        }

        return TextLines.Join(LineRebase.Apply(TextLines.Split(before), TextLines.Split(now), TextLines.Split(own), force: true).Lines!);
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
