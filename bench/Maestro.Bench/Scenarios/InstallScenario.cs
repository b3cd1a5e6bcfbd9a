using System.Diagnostics;
using Maestro.Protocol;
using Maestro.TestSupport;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// The shipped server (self-contained, trimmed, ReadyToRun: scripts/publish-server.sh) against the framework-dependent
/// one (MAESTRO_FD_BIN, default MAESTRO_BIN), in the same run, interleaved: cold <c>serve --stdio --in-process</c> to
/// the initialize response, beside a bare .NET hello world, and the idle daemon's resident memory of each.
/// </summary>
internal sealed class InstallScenario : IBenchScenario
{
    public string Name => "install";

    public string Description => "self-contained trimmed vs framework-dependent server: cold start to initialize, idle daemon RSS";

    public async Task RunAsync(BenchContext context)
    {
        var trimmed = Environment.GetEnvironmentVariable("MAESTRO_SELF_CONTAINED_BIN") is { Length: > 0 } sc
            ? sc
            : Path.Combine(RepoRoot(), "artifacts", "server", HostRid(), "maestro");
        // Today's editor build is framework-dependent ReadyToRun (MAESTRO_FRAMEWORK_DEPENDENT=1 ./build.sh); without
        // MAESTRO_FD_BIN the framework-dependent apphost built beside this bench stands in (no ReadyToRun).
        var frameworkDependent = Environment.GetEnvironmentVariable("MAESTRO_FD_BIN") is { Length: > 0 } fd ? fd : global::Maestro.TestSupport.MaestroBinary.DefaultPath;
        if (!File.Exists(trimmed))
        {
            throw new InvalidOperationException($"{trimmed} is missing: scripts/publish-server.sh builds it (or set MAESTRO_SELF_CONTAINED_BIN)");
        }

        var iterations = context.Iterations(20);
        using var fdHome = new TempDirectory("bench-fd");
        using var scHome = new TempDirectory("bench-sc");

        // Warm the file cache for both.
        await TimeColdInitializeAsync(frameworkDependent, fdHome.Path);
        await TimeColdInitializeAsync(trimmed, scHome.Path);
        var hello = new List<double>();
        var fdCold = new List<double>();
        var scCold = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            hello.Add(await TimeHelloAsync(BenchPaths.HelloWorld));
            fdCold.Add(await TimeColdInitializeAsync(frameworkDependent, fdHome.Path));
            scCold.Add(await TimeColdInitializeAsync(trimmed, scHome.Path));
        }

        var baseline = Stats.Median(hello);
        context.Report(Name, "bare `dotnet` hello world, start to exit (median)", baseline, "ms");
        context.Report(Name, "framework-dependent `serve --stdio --in-process` cold, start to initialize (median)", Stats.Median(fdCold), "ms", baseline, "hello world");
        context.Report(Name, "self-contained trimmed `serve --stdio --in-process` cold, start to initialize (median)", Stats.Median(scCold), "ms", baseline, "hello world", 3.0);
        context.Report(Name, "self-contained trimmed vs framework-dependent, cold start (median)", Stats.Median(scCold), "ms", Stats.Median(fdCold), "framework-dependent");

        var fdRss = await IdleDaemonRssAsync(frameworkDependent, fdHome.Path);
        var scRss = await IdleDaemonRssAsync(trimmed, scHome.Path);
        context.Report(Name, "framework-dependent idle daemon RSS", fdRss / (1024.0 * 1024.0), "MB", target: 80);
        context.Report(Name, "self-contained trimmed idle daemon RSS", scRss / (1024.0 * 1024.0), "MB", fdRss / (1024.0 * 1024.0), "framework-dependent", 80);
    }

    private static string RepoRoot() => global::Maestro.TestSupport.Agents.RepoRoot.Path;

    private static string HostRid()
        => $"{(OperatingSystem.IsMacOS() ? "osx" : "linux")}-{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";

    private static async Task<double> TimeHelloAsync(string hello)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(hello) { RedirectStandardOutput = true, UseShellExecute = false })!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeColdInitializeAsync(string maestro, string home)
    {
        var watch = Stopwatch.StartNew();
        await using var process = MaestroProcess.StartExecutable(maestro, [], home, null, "serve", "--stdio", "--in-process");
        var reply = await process.Raw.CallAsync(1, Methods.Initialize, LspFraming.InitializeParams("bench"));
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (reply["result"] is null)
        {
            throw new InvalidOperationException($"initialize of {maestro} failed: " + reply.ToJsonString());
        }

        await process.Raw.CallAsync(2, Methods.Shutdown);
        await process.Raw.SendAsync(LspFraming.Notification(Methods.Exit));
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return elapsed;
    }

    private static async Task<long> IdleDaemonRssAsync(string maestro, string home)
    {
        await using (var process = MaestroProcess.StartExecutable(maestro, [], home, null, "serve", "--stdio"))
        {
            await process.Raw.InitializeAsync("bench");
            var status = await process.Raw.CallAsync(2, Methods.DaemonStatus);
            var pid = (int)status["result"]!["pid"]!;
            await process.Raw.CallAsync(3, Methods.Shutdown);
            await process.Raw.SendAsync(LspFraming.Notification(Methods.Exit));
            await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

            // The same idle moment as the startup scenario gives its daemon.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var line = (await File.ReadAllLinesAsync($"/proc/{pid}/status")).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            await MaestroProcess.RunExecutableAsync(maestro, home, "daemon", "--stop");
            return rss;
        }
    }
}
