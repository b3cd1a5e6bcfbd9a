using Maestro.Bench;

// Usage: dotnet run -c Release --project bench/Maestro.Bench -- [scenario ...] [--smoke]
var scenarios = new IBenchScenario[]
{
    new Maestro.Bench.Scenarios.StartupScenario(),
    new Maestro.Bench.Scenarios.InstallScenario(),
    new Maestro.Bench.Scenarios.SessionsScenario(),
    new Maestro.Bench.Scenarios.DaemonScenario(),
    new Maestro.Bench.Scenarios.RemoteScenario(),
    new Maestro.Bench.Scenarios.HostsScenario(),
    new Maestro.Bench.Scenarios.WorktreeScenario(),
    new Maestro.Bench.Scenarios.ReviewScenario(),
    new Maestro.Bench.Scenarios.AttributionScenario(),
    new Maestro.Bench.Scenarios.PlaybookScenario(),
    new Maestro.Bench.Scenarios.StatsScenario(),
    new Maestro.Bench.Scenarios.ChatScenario(),
    new Maestro.Bench.Scenarios.AcpScenario(),
};

var smoke = args.Contains("--smoke");
var wanted = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var context = new BenchContext(smoke);
Console.WriteLine("| scenario | measure | Maestro | baseline | ratio | target |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var scenario in scenarios.Where(s => wanted.Count == 0 || wanted.Contains(s.Name)))
{
    await scenario.RunAsync(context);
}

return 0;
