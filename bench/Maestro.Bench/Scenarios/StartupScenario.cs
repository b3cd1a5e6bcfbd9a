using System.Diagnostics;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.TestSupport;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// Process start to the initialize response, for <c>serve --in-process</c> (cold) and for <c>serve</c>
/// attaching to a running daemon, beside a bare .NET hello world started the same way; then the idle
/// daemon's resident memory.
/// </summary>
internal sealed class StartupScenario : IBenchScenario
{
    public string Name => "startup";

    public string Description => "start to initialize response vs bare dotnet hello world; idle daemon RSS";

    public async Task RunAsync(BenchContext context)
    {
        using var home = new TempDirectory("bench");
        var maestro = BenchPaths.Maestro;
        var hello = BenchPaths.HelloWorld;
        var iterations = context.Iterations(20);

        // Warm the file cache and start the daemon the attach runs will use.
        await TimeHelloAsync(hello);
        await TimeInitializeAsync(maestro, home.Path, inProcess: true);
        await TimeInitializeAsync(maestro, home.Path, inProcess: false);

        var bare = new List<double>();
        var cold = new List<double>();
        var attach = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            bare.Add(await TimeHelloAsync(hello));
            cold.Add(await TimeInitializeAsync(maestro, home.Path, inProcess: true));
            attach.Add(await TimeInitializeAsync(maestro, home.Path, inProcess: false));
        }

        var baseline = Stats.Median(bare);
        context.Report(Name, "bare `dotnet` hello world, start to exit (median)", baseline, "ms");
        context.Report(Name, "`serve --stdio` attach to daemon, start to initialize response (median)", Stats.Median(attach), "ms", baseline, "hello world", 1.5);
        context.Report(Name, "`serve --stdio --in-process` cold, start to initialize response (median)", Stats.Median(cold), "ms", baseline, "hello world", 3.0);

        var rss = await DaemonRssAsync(home.Path);
        context.Report(Name, "idle daemon RSS", rss / (1024.0 * 1024.0), "MB", target: 80);
        await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
    }

    private static async Task<double> TimeHelloAsync(string hello)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(hello) { RedirectStandardOutput = true, UseShellExecute = false })!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeInitializeAsync(string maestro, string home, bool inProcess)
    {
        var watch = Stopwatch.StartNew();
        await using var process = MaestroProcess.Start(home, inProcess ? ["serve", "--stdio", "--in-process"] : ["serve", "--stdio"]);
        var reply = await process.Raw.CallAsync(1, Methods.Initialize, LspFraming.InitializeParams("bench"));
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (reply["result"] is null)
        {
            throw new InvalidOperationException("initialize failed: " + reply.ToJsonString());
        }

        await process.Raw.CallAsync(2, Methods.Shutdown);
        await process.Raw.SendAsync(LspFraming.Notification(Methods.Exit));
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return elapsed;
    }

    private static async Task<long> DaemonRssAsync(string home)
    {
        await using var process = MaestroProcess.Start(home, "serve", "--stdio");
        await process.Raw.InitializeAsync("bench");
        var status = await process.Raw.CallAsync(2, Methods.DaemonStatus);
        var pid = (int)status["result"]!["pid"]!;
        await process.Raw.CallAsync(3, Methods.Shutdown);
        await process.Raw.SendAsync(LspFraming.Notification(Methods.Exit));
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Give the daemon's collector a moment of idleness, as a daemon between editor sessions has.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var line = (await File.ReadAllLinesAsync($"/proc/{pid}/status")).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
