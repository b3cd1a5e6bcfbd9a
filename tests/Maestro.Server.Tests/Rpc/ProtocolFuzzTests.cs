using Maestro.Server.Hosting;
using Maestro.Server.Tests.Rpc.Fuzz;
using Maestro.TestSupport;
using Maestro.TestSupport.Hardening;
using Xunit.Abstractions;

namespace Maestro.Server.Tests.Rpc;

/// <summary>
/// The protocol fuzz suite (issue 13, "Suites that stay"): seeded hostile frames (<see cref="FrameFuzzer"/>) against a
/// real daemon over its socket and against <c>maestro serve --stdio --in-process</c>. Every request whose id can be
/// read is answered, the server then answers a well-formed request, and its memory stays bounded.
/// Short mode: a fixed list of seeds. MAESTRO_LONG_TESTS=1: fifty seeds and more frames each.
/// </summary>
public sealed class ProtocolFuzzTests
{
    private const double MemoryBoundMegabytes = 400;

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["MAESTRO_MAX_MESSAGE_BYTES"] = LongTests.Text(FrameFuzzer.MessageLimit),
    };

    private readonly ITestOutputHelper output;

    public ProtocolFuzzTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private static IEnumerable<int> Seeds => LongTests.Enabled ? Enumerable.Range(1, 50) : [1, 2, 3, 4];

    private static int FramesPerSeed => LongTests.Pick(60, 300);

    [Fact]
    public async Task The_daemon_answers_every_fuzzed_request_and_stays_up()
    {
        using var home = new TempDirectory("fuzz-daemon");
        await using var daemon = MaestroProcess.Start(home.Path, Environment, "daemon");
        var paths = new MaestroPaths(home.Path);
        try
        {
            foreach (var seed in Seeds)
            {
                // A new connection per seed, as a new editor window would open; the daemon outlives all of them.
                await using var connection = await DaemonClient.ConnectRawAsync(paths);
                var (sent, answered) = await new FuzzRun(connection).RunAsync(seed, FramesPerSeed);
                AssertBounded(daemon, $"daemon after seed {seed} ({sent} frames, {answered} answered by id)");
            }

            await using var last = await DaemonClient.ConnectRawAsync(paths);
            await last.InitializeAsync("after-fuzz");
            Assert.NotNull((await last.CallAsync(1, Maestro.Protocol.Methods.AgentsList))["result"]);
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        }
    }

    [Fact]
    public async Task The_in_process_stdio_server_answers_every_fuzzed_request_and_stays_up()
    {
        foreach (var seed in Seeds)
        {
            using var home = new TempDirectory("fuzz-stdio");
            await using var serve = MaestroProcess.Start(home.Path, Environment, "serve", "--stdio", "--in-process");
            var (sent, answered) = await new FuzzRun(serve.Raw).RunAsync(seed, FramesPerSeed);
            Assert.False(serve.Process.HasExited, $"seed {seed}: the server exited; its log:\n{serve.Stderr}");
            AssertBounded(serve, $"serve --stdio --in-process, seed {seed} ({sent} frames, {answered} answered by id)");
        }
    }

    private void AssertBounded(MaestroProcess process, string what)
    {
        var memory = ProcessMemory.Read(process.Process.Id);
        output.WriteLine($"{what}: {memory}");
        Assert.True(memory.PeakMegabytes < MemoryBoundMegabytes, $"{what}: peaked at {memory.PeakMegabytes:F0} MB");
    }
}
