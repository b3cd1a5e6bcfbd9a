using System.Diagnostics;
using System.Globalization;
using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Bench.Scenarios;

/// <summary><c>worktrees/create</c> over the protocol beside <c>git worktree add -b</c>, on a generated repository of 20,000 files.</summary>
internal sealed class WorktreeScenario : IBenchScenario
{
    public string Name => "worktrees";

    public string Description => "worktrees/create vs git worktree add on a 20,000-file repository";

    public async Task RunAsync(BenchContext context)
    {
        var files = context.Smoke ? 200 : 20_000;
        using var repo = GeneratedRepository.Create(files);
        await using var server = new TestServer();
        using var rpc = await server.ConnectInitializedAsync("bench");
        var baseline = new List<double>();
        var maestro = new List<double>();
        var iterations = context.Iterations(7);
        for (var i = -1; i < iterations; i++)
        {
            // Alternate which goes first so neither always meets a warmer file cache.
            var gitFirst = i % 2 == 0;
            double g, m;
            GeneratedRepository.Sync();
            if (gitFirst)
            {
                g = TimeGit(repo, i);
                GeneratedRepository.Sync();
                m = await TimeMaestroAsync(rpc, repo, i);
            }
            else
            {
                m = await TimeMaestroAsync(rpc, repo, i);
                GeneratedRepository.Sync();
                g = TimeGit(repo, i);
            }

            if (i >= 0)
            {
                baseline.Add(g);
                maestro.Add(m);
            }

            repo.Git("worktree", "remove", "--force", Path.Combine(repo.Parent, $"git-{i}"));
            repo.Git("worktree", "remove", "--force", Path.Combine(repo.Parent, $"maestro-{i}"));
        }

        var label = string.Create(CultureInfo.InvariantCulture, $"{files} files");
        context.Report(Name, $"`git worktree add -b`, {label} (median)", Stats.Median(baseline), "ms");
        context.Report(Name, $"`worktrees/create` over the protocol, {label} (median)", Stats.Median(maestro), "ms", Stats.Median(baseline), "git worktree add", 1.0);
    }

    private static double TimeGit(TestRepository repo, int i)
    {
        var watch = Stopwatch.StartNew();
        repo.Git("worktree", "add", "--quiet", "-b", $"bench/git-{i}", Path.Combine(repo.Parent, $"git-{i}"), "HEAD");
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeMaestroAsync(JsonRpc rpc, TestRepository repo, int i)
    {
        var watch = Stopwatch.StartNew();
        await rpc.InvokeWithParameterObjectAsync<Worktree>(
            Methods.WorktreesCreate,
            new WorktreeCreateParams { Repo = repo.Root, Branch = $"bench/maestro-{i}", Path = Path.Combine(repo.Parent, $"maestro-{i}") });
        return watch.Elapsed.TotalMilliseconds;
    }
}
