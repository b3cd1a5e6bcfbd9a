using System.Text;
using FsCheck.Xunit;
using Maestro.Server.Git;
using Maestro.Server.Git.Review;
using Maestro.Server.Processes;
using Maestro.Server.Rpc;
using Maestro.TestSupport.Git;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maestro.Server.Tests.Git;

/// <summary>
/// For random edits of a random file (CRLF or LF, with or without a final newline): accepting every hunk is
/// <c>git add</c>, rejecting every hunk is <c>git checkout -- file</c>, and any split into accepted and rejected
/// hunks ends the same whether applied in two calls or one hunk at a time.
/// </summary>
public sealed class ReviewPropertyTests : IDisposable
{
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["seed.txt"] = "seed\n" });
    private readonly ReviewService review = new(new RepositoryLocator(), new RepositoryLocks(), new GitCli(new ProcessRunner()), new ReviewWatcher(new ConnectionRegistry(NullLogger<ConnectionRegistry>.Instance), NullLogger<ReviewWatcher>.Instance));
    private int round;

    public void Dispose() => repo.Dispose();

    private static (byte[] Base, byte[] Edited) RandomFile(int seed)
    {
        var random = new Random(seed);
        var eol = random.Next(3) == 0 ? "\r\n" : "\n";
        var count = random.Next(0, 60);
        var lines = Enumerable.Range(0, count).Select(i => $"base {i}").ToList();
        var edited = new List<string>(lines);
        var fresh = 0;
        for (var edits = random.Next(1, 8); edits > 0; edits--)
        {
            var at = random.Next(edited.Count + 1);
            switch (random.Next(3))
            {
                case 0 when at < edited.Count:
                    edited[at] = $"changed {fresh++}";
                    break;
                case 1 when at < edited.Count:
                    edited.RemoveRange(at, Math.Min(random.Next(1, 4), edited.Count - at));
                    break;
                default:
                    edited.InsertRange(at, Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"inserted {fresh++}"));
                    break;
            }
        }

        string Text(List<string> l, bool finalNewline) => l.Count == 0 ? string.Empty : string.Join(eol, l) + (finalNewline ? eol : string.Empty);
        return (Encoding.UTF8.GetBytes(Text(lines, random.Next(4) != 0)), Encoding.UTF8.GetBytes(Text(edited, random.Next(4) != 0)));
    }

    /// <summary>Writes the base version to the index and the edited one to the working tree, under a fresh name.</summary>
    private string Prepare(byte[] @base, byte[] edited, string suffix = "")
    {
        var path = $"f{Interlocked.Increment(ref round)}{suffix}.txt";
        repo.WriteBytes(path, @base);
        repo.Git("add", path);
        repo.WriteBytes(path, edited);
        return path;
    }

    private async Task<IReadOnlyList<string>> HunkIdsAsync(string path)
    {
        var files = (await review.ChangesAsync(repo.Root, [path], watch: false, CancellationToken.None)).Files;
        Assert.True(files.Count <= 1, System.Text.Json.JsonSerializer.Serialize(files) + repo.Git("status", "--porcelain"));
        return files.SingleOrDefault()?.Hunks.Select(h => h.Id).ToList() ?? [];
    }

    private byte[] Staged(string path) => Encoding.UTF8.GetBytes(repo.Git("show", ":" + path));

    [Property(MaxTest = 40)]
    public async Task Accepting_every_hunk_equals_git_add(int seed)
    {
        var (@base, edited) = RandomFile(seed);
        var path = Prepare(@base, edited);
        var ids = await HunkIdsAsync(path);
        if (ids.Count > 0)
        {
            await review.AcceptAsync(repo.Root, ids, null, CancellationToken.None);
        }

        Assert.Equal(edited, Staged(path));
        Assert.Equal(0, TestRepository.RunGit(repo.Root, "diff", "--quiet", "--", path).ExitCode);
    }

    [Property(MaxTest = 40)]
    public async Task Rejecting_every_hunk_equals_git_checkout(int seed)
    {
        var (@base, edited) = RandomFile(seed);
        var path = Prepare(@base, edited);
        var ids = await HunkIdsAsync(path);
        if (ids.Count > 0)
        {
            await review.RejectAsync(repo.Root, ids, null, CancellationToken.None);
        }

        Assert.Equal(@base, repo.ReadBytes(path));
        Assert.Equal(@base, Staged(path));
    }

    [Property(MaxTest = 40)]
    public async Task Any_split_ends_the_same_in_two_calls_or_one_hunk_at_a_time(int seed, bool[] choices)
    {
        var (@base, edited) = RandomFile(seed);
        var batch = Prepare(@base, edited, "-batch");
        var single = Prepare(@base, edited, "-single");
        var batchIds = await HunkIdsAsync(batch);
        var singleIds = await HunkIdsAsync(single);
        Assert.Equal(batchIds.Count, singleIds.Count);
        bool Accepted(int i) => choices.Length > 0 && choices[i % choices.Length];

        var accept = batchIds.Where((_, i) => Accepted(i)).ToList();
        var reject = batchIds.Where((_, i) => !Accepted(i)).ToList();
        if (accept.Count > 0)
        {
            await review.AcceptAsync(repo.Root, accept, null, CancellationToken.None);
        }

        if (reject.Count > 0)
        {
            await review.RejectAsync(repo.Root, reject, null, CancellationToken.None);
        }

        // One at a time, in an order of its own: every other id must still be valid after each step.
        var order = Enumerable.Range(0, singleIds.Count).OrderBy(i => (i * 7919 + seed) % Math.Max(1, singleIds.Count)).ThenBy(i => i);
        foreach (var i in order)
        {
            if (Accepted(i))
            {
                await review.AcceptAsync(repo.Root, [singleIds[i]], null, CancellationToken.None);
            }
            else
            {
                await review.RejectAsync(repo.Root, [singleIds[i]], null, CancellationToken.None);
            }
        }

        Assert.Equal(repo.ReadBytes(batch), repo.ReadBytes(single));
        Assert.Equal(Staged(batch), Staged(single));

        // Everything was decided: nothing is left under review in either file.
        Assert.Empty(await HunkIdsAsync(batch));
        Assert.Empty(await HunkIdsAsync(single));
    }
}
