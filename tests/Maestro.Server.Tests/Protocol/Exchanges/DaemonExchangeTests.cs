using System.Diagnostics;
using Maestro.Protocol;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>Records (or checks, see <see cref="ExchangeStore"/>) daemon/status and daemon/stop through a real daemon started by <c>maestro serve --stdio</c>.</summary>
public sealed class DaemonExchangeTests : IDisposable
{
    private readonly TempDirectory home = new("daemon");

    public void Dispose()
    {
        // In case the test failed before daemon/stop: never leave a daemon behind.
        var info = new ProcessStartInfo(MaestroBinary.Path, ["daemon", "--stop"]) { RedirectStandardOutput = true, UseShellExecute = false };
        info.Environment["MAESTRO_HOME"] = home.Path;
        using var stop = Process.Start(info)!;
        stop.StandardOutput.ReadToEnd();
        stop.WaitForExit(30_000);
        home.Dispose();
    }

    [Fact]
    public async Task Daemon_status_then_stop()
    {
        await using var serve = MaestroProcess.Start(home.Path, "serve", "--stdio");
        await using var client = new ExchangeClient(serve.Raw);
        Exchange.AssertNoError(await client.InitializeAsync());

        var status = await client.RecordAsync(Methods.DaemonStatus);
        Assert.NotEqual(serve.Process.Id, (int)status["result"]!["pid"]!);
        var stopped = await client.RecordAsync(Methods.DaemonStop);
        Assert.Null(stopped["result"]);
        Assert.True(await client.ClosedAsync(TimeSpan.FromSeconds(30)), "the relay stayed open after the daemon stopped");
        await Wait.UntilAsync(() => !File.Exists(Path.Combine(home.Path, "daemon.sock")), TimeSpan.FromSeconds(30), "the daemon to remove its socket");
    }
}
