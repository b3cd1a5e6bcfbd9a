using System.Diagnostics;
using System.Globalization;
using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;

namespace Maestro.Bench.Scenarios;

/// <summary><c>review/changes</c> against the index over the protocol beside <c>git diff</c>, with 200 changed files in a 20,000-file repository.</summary>
internal sealed class ReviewScenario : IBenchScenario
{
    public string Name => "review";

    public string Description => "review/changes vs git diff, 200 changed files of 20,000";

    public async Task RunAsync(BenchContext context)
    {
        var files = context.Smoke ? 400 : 20_000;
        var changed = context.Smoke ? 20 : 200;
        using var repo = GeneratedRepository.Create(files);
        var step = files / changed;
        for (var i = 0; i < changed; i++)
        {
            var path = GeneratedRepository.PathOf(i * step);
            var text = repo.Read(path);
            repo.Write(path, text.Replace("line 10:", "line 10 (edited):", StringComparison.Ordinal) + "an added line\n");
        }

        GeneratedRepository.Sync();

        await using var server = new TestServer();
        using var rpc = await server.ConnectInitializedAsync("bench");
        var baseline = new List<double>();
        var maestro = new List<double>();
        var hunks = 0;
        var iterations = context.Iterations(15);
        for (var i = -2; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            var diff = repo.Git("diff");
            var g = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            var result = await rpc.InvokeWithParameterObjectAsync<ReviewChangesResult>(Methods.ReviewChanges, new ReviewChangesParams { Cwd = repo.Root, Baseline = ReviewBaseline.Index });
            var m = watch.Elapsed.TotalMilliseconds;
            if (result.Files.Count != changed || diff.Length == 0)
            {
                throw new InvalidOperationException($"review/changes saw {result.Files.Count} files, expected {changed}.");
            }

            hunks = result.Files.Sum(f => f.Hunks.Count);
            if (i >= 0)
            {
                baseline.Add(g);
                maestro.Add(m);
            }
        }

        var label = string.Create(CultureInfo.InvariantCulture, $"{changed} of {files} files changed, {hunks} hunks");
        context.Report(Name, $"`git diff`, {label} (median)", Stats.Median(baseline), "ms");
        context.Report(Name, $"`review/changes` over the protocol, {label} (median)", Stats.Median(maestro), "ms", Stats.Median(baseline), "git diff", 1.2);
    }
}
