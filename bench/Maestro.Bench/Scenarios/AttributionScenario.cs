using System.Diagnostics;
using System.Globalization;
using Maestro.Protocol;
using Maestro.Server.Git;
using Maestro.Server.Git.Review.Attribution;
using Maestro.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// Review attribution on a 20,000-file repository: the turn-start snapshot (a private index, <c>git add -A</c>,
/// <c>git write-tree</c>) beside a plain <c>git write-tree</c> of the user's index, and <c>review/changes</c> of one
/// turn's 200 changed files beside <c>git diff</c>.
/// </summary>
internal sealed class AttributionScenario : IBenchScenario
{
    public string Name => "attribution";

    public string Description => "turn baseline snapshot vs git write-tree; attributed review/changes vs git diff";

    public async Task RunAsync(BenchContext context)
    {
        var files = context.Smoke ? 400 : 20_000;
        var changed = context.Smoke ? 20 : 200;
        using var repo = GeneratedRepository.Create(files);
        GeneratedRepository.Sync();
        repo.Git("status", "--porcelain"); // a fresh stat cache, as after any editor's git status

        await using var server = new TestServer();
        using var rpc = await server.ConnectInitializedAsync("bench");
        var snapshot = server.Services.GetRequiredService<FolderSnapshot>();
        var location = new RepositoryLocator().Locate(repo.Root);
        var iterations = context.Iterations(15);
        var (writeTree, snapshots) = await TimePairsAsync(iterations, _ => { }, () => repo.Git("write-tree"), () => snapshot.TakeAsync(location, CancellationToken.None));

        context.Report(Name, $"`git write-tree`, {files} files (median)", Stats.Median(writeTree), "ms");
        context.Report(Name, $"turn baseline snapshot, {files} files, nothing changed since the last one (median)", Stats.Median(snapshots), "ms", Stats.Median(writeTree), "git write-tree", 1.5);

        // The usual turn start: a few files changed since the last snapshot (the user's edits, the last turn's end).
        var walksBefore = snapshot.Counts.Walks;
        var (walkBaseline, edited) = await TimePairsAsync(
            iterations,
            i =>
            {
                for (var k = 0; k < 10; k++)
                {
                    var path = GeneratedRepository.PathOf((((i + 2) * 10) + k) * 37 % files);
                    repo.Write(path, repo.Read(path) + $"edit {i}\n");
                }
            },
            () => repo.Git("write-tree"),
            () => snapshot.TakeAsync(location, CancellationToken.None));

        if (snapshot.Counts.Walks != walksBefore)
        {
            throw new InvalidOperationException("a snapshot after ten edits walked the whole tree instead of reading the change journal.");
        }

        context.Report(Name, $"turn baseline snapshot, {files} files, 10 changed since the last one (median)", Stats.Median(edited), "ms", Stats.Median(walkBaseline), "git write-tree", 1.5);

        // One turn changes 200 files; the review of that turn beside git diff.
        var turns = server.Services.GetRequiredService<TurnBaselines>();
        await turns.TurnStartingAsync("s_bench", "t_bench", repo.Root, CancellationToken.None);
        var step = files / changed;
        for (var i = 0; i < changed; i++)
        {
            var path = GeneratedRepository.PathOf(i * step);
            repo.Write(path, repo.Read(path).Replace("line 10:", "line 10 (edited):", StringComparison.Ordinal) + "an added line\n");
        }

        await turns.TurnEndedAsync("s_bench", "t_bench", CancellationToken.None);
        var (diffs, reviews) = await TimePairsAsync(
            iterations,
            _ => { },
            () =>
            {
                if (repo.Git("diff").Length == 0)
                {
                    throw new InvalidOperationException("git diff saw no change.");
                }
            },
            async () =>
            {
                var result = await rpc.InvokeWithParameterObjectAsync<ReviewChangesResult>(Methods.ReviewChanges, new ReviewChangesParams { Cwd = repo.Root });
                if (result.Files.Count != changed)
                {
                    throw new InvalidOperationException($"the attributed review/changes saw {result.Files.Count} files, expected {changed}.");
                }
            });

        var label = string.Create(CultureInfo.InvariantCulture, $"{changed} of {files} files changed by one turn");
        context.Report(Name, $"`git diff`, {label} (median)", Stats.Median(diffs), "ms");
        context.Report(Name, $"attributed `review/changes`, {label} (median)", Stats.Median(reviews), "ms", Stats.Median(diffs), "git diff", 1.2);
    }

    /// <summary>
    /// Times <paramref name="baseline"/> then <paramref name="maestro"/>, two warm-ups and then <paramref name="iterations"/>
    /// times; <paramref name="prepare"/> (given the round, from -2) runs untimed before each pair.
    /// </summary>
    private static async Task<(List<double> Baseline, List<double> Maestro)> TimePairsAsync(int iterations, Action<int> prepare, Action baseline, Func<Task> maestro)
    {
        var baselines = new List<double>();
        var measured = new List<double>();
        for (var i = -2; i < iterations; i++)
        {
            prepare(i);
            var watch = Stopwatch.StartNew();
            baseline();
            var g = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await maestro();
            var m = watch.Elapsed.TotalMilliseconds;
            if (i >= 0)
            {
                baselines.Add(g);
                measured.Add(m);
            }
        }

        return (baselines, measured);
    }
}
