using System.Diagnostics;
using Maestro.Protocol;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Daemon;

/// <summary>A real <c>maestro serve --stdio</c> process, in process and attached to a real daemon.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly TempDirectory home = new("serve");

    public void Dispose()
    {
        StopDaemon();
        home.Dispose();
    }

    [Fact]
    public async Task In_process_serve_initializes_refuses_garbage_shuts_down_and_exits_zero()
    {
        await using var serve = MaestroProcess.Start(home.Path, "serve", "--stdio", "--in-process");
        await serve.Raw.InitializeAsync();
        await serve.Raw.SendAsync("garbage\r\n\r\n"u8.ToArray());
        Assert.Equal(ErrorCodes.ParseError, (int)(await serve.Raw.ReceiveAsync())["error"]!["code"]!);
        var unknown = await serve.Raw.CallAsync(2, "no/such");
        Assert.Equal(ErrorCodes.MethodNotFound, (int)unknown["error"]!["code"]!);
        await serve.Raw.CallAsync(3, Methods.Shutdown);
        await serve.Raw.SendAsync(LspFraming.Notification(Methods.Exit));
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task In_process_exit_without_shutdown_exits_one()
    {
        await using var serve = MaestroProcess.Start(home.Path, "serve", "--stdio", "--in-process");
        await serve.Raw.InitializeAsync();
        await serve.Raw.SendAsync(LspFraming.Notification(Methods.Exit));
        Assert.Equal(1, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Nothing_but_json_rpc_reaches_stdout()
    {
        await using var serve = MaestroProcess.Start(home.Path, "serve", "--stdio", "--in-process");
        await serve.Raw.InitializeAsync();
        await serve.Raw.CallAsync(2, Methods.AgentsList);
        await serve.Raw.CallAsync(3, Methods.Shutdown);
        await serve.Raw.SendAsync(LspFraming.Notification(Methods.Exit));
        Assert.True(await serve.Raw.ClosedAsync(), "stdout held bytes after the last response");
        Assert.Contains("Connection", serve.Stderr, StringComparison.Ordinal); // logs went to stderr instead
    }

    [Fact]
    public async Task Serve_starts_the_daemon_and_two_editors_share_it()
    {
        await using var first = MaestroProcess.Start(home.Path, "serve", "--stdio");
        await using var second = MaestroProcess.Start(home.Path, "serve", "--stdio");
        await first.Raw.InitializeAsync("editor-1");
        await second.Raw.InitializeAsync("editor-2");

        var a = await first.Raw.CallAsync(2, Methods.DaemonStatus);
        var b = await second.Raw.CallAsync(2, Methods.DaemonStatus);
        Assert.Equal((int)a["result"]!["pid"]!, (int)b["result"]!["pid"]!);
        Assert.NotEqual(first.Process.Id, (int)a["result"]!["pid"]!);
        Assert.True((int)b["result"]!["connections"]! >= 2);

        // One editor leaving does not stop the daemon for the other.
        await first.Raw.CallAsync(3, Methods.Shutdown);
        await first.Raw.SendAsync(LspFraming.Notification(Methods.Exit));
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var still = await second.Raw.CallAsync(4, Methods.AgentsList);
        Assert.NotNull(still["result"]);
    }

    [Fact]
    public async Task A_killed_daemon_leaves_no_stale_socket_that_blocks_the_next_start()
    {
        int firstPid;
        await using (var serve = MaestroProcess.Start(home.Path, "serve", "--stdio"))
        {
            await serve.Raw.InitializeAsync();
            firstPid = (int)(await serve.Raw.CallAsync(2, Methods.DaemonStatus))["result"]!["pid"]!;
            using var daemon = Process.GetProcessById(firstPid);
            daemon.Kill();
            await daemon.WaitForExitAsync();

            // The editor's relay sees the connection end and exits instead of hanging.
            Assert.True(await serve.Raw.ClosedAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.True(File.Exists(Path.Combine(home.Path, "daemon.sock")), "the killed daemon should have left its socket behind");
        await using var again = MaestroProcess.Start(home.Path, "serve", "--stdio");
        await again.Raw.InitializeAsync();
        var secondPid = (int)(await again.Raw.CallAsync(2, Methods.DaemonStatus))["result"]!["pid"]!;
        Assert.NotEqual(firstPid, secondPid);
    }

    [Fact]
    public async Task A_relay_whose_daemon_is_killed_exits_non_zero_and_says_why()
    {
        await using var serve = MaestroProcess.Start(home.Path, "serve", "--stdio");
        await serve.Raw.InitializeAsync();
        var pid = (int)(await serve.Raw.CallAsync(2, Methods.DaemonStatus))["result"]!["pid"]!;
        using (var daemon = Process.GetProcessById(pid))
        {
            daemon.Kill(); // SIGKILL: the daemon gets no chance to say goodbye
            await daemon.WaitForExitAsync();
        }

        // The editor still has the relay's stdin open: exiting 0 here would read as a clean stop, and the editor would
        // not tell the person why their server went away.
        var code = await serve.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(code == Maestro.Server.Cli.ExitCodes.DaemonUnavailable, $"the relay left with {code}:\n{serve.Stderr}");
        Assert.Contains($"the daemon (pid {pid}) stopped while this editor was connected", serve.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relay_whose_daemon_is_stopped_exits_non_zero_but_exit_after_shutdown_is_zero()
    {
        await using var stays = MaestroProcess.Start(home.Path, "serve", "--stdio");
        await stays.Raw.InitializeAsync("stays");
        await using (var leaves = MaestroProcess.Start(home.Path, "serve", "--stdio"))
        {
            await leaves.Raw.InitializeAsync("leaves");
            await leaves.Raw.CallAsync(2, Methods.Shutdown);
            await leaves.Raw.SendAsync(LspFraming.Notification(Methods.Exit));
            var code = await leaves.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.True(code == 0, $"the relay left with {code} after shutdown and exit:\n{leaves.Stderr}");
        }

        var (stop, _, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        Assert.Equal(0, stop);
        var stopped = await stays.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(stopped == Maestro.Server.Cli.ExitCodes.DaemonUnavailable, $"the relay left with {stopped}:\n{stays.Stderr}");
        Assert.Contains("stopped while this editor was connected", stays.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_from_one_client_does_not_disturb_another_on_the_same_daemon()
    {
        await using var good = MaestroProcess.Start(home.Path, "serve", "--stdio");
        await good.Raw.InitializeAsync("good");
        await using (var bad = MaestroProcess.Start(home.Path, "serve", "--stdio"))
        {
            await bad.Raw.SendAsync("Content-Length: 5\r\n\r\n{{{{{"u8.ToArray());
            Assert.Equal(ErrorCodes.ParseError, (int)(await bad.Raw.ReceiveAsync())["error"]!["code"]!);
            await bad.Raw.SendAsync("Content-Length: 999\r\n\r\n{\"cut\":"u8.ToArray());
        }

        var reply = await good.Raw.CallAsync(2, Methods.AgentsList);
        Assert.NotNull(reply["result"]);
    }

    [Fact]
    public async Task Daemon_status_and_stop_from_the_cli()
    {
        var (notRunning, _, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "--status");
        Assert.Equal(3, notRunning);

        await using (var serve = MaestroProcess.Start(home.Path, "serve", "--stdio"))
        {
            await serve.Raw.InitializeAsync();
            var (status, stdout, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "--status", "--json");
            Assert.Equal(0, status);
            Assert.Contains("\"pid\"", stdout, StringComparison.Ordinal);

            var (stop, stopOut, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
            Assert.Equal(0, stop);
            Assert.Contains("stopped", stopOut, StringComparison.Ordinal);
            Assert.True(await serve.Raw.ClosedAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.False(File.Exists(Path.Combine(home.Path, "daemon.sock")));
        var (afterStop, _, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        Assert.Equal(3, afterStop);
    }

    private void StopDaemon()
    {
        var info = new ProcessStartInfo(MaestroBinary.Path, ["daemon", "--stop"]) { RedirectStandardOutput = true, UseShellExecute = false };
        info.Environment["MAESTRO_HOME"] = home.Path;
        using var stop = Process.Start(info)!;
        stop.StandardOutput.ReadToEnd();
        stop.WaitForExit(30_000);
    }
}
