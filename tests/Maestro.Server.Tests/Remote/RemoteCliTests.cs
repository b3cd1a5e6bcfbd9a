using System.Text.Json;
using System.Text.RegularExpressions;
using Maestro.Protocol;
using Maestro.Server.Tests.Protocol.Exchanges;
using Maestro.TestSupport;
using Maestro.TestSupport.Remote;

namespace Maestro.Server.Tests.Remote;

/// <summary>
/// <c>maestro remote start|status|stop</c> against a real daemon process: the printed link and QR code open a page
/// and a WebSocket of that daemon; stop closes it; the daemon's log never holds the token.
/// </summary>
public sealed partial class RemoteCliTests : IAsyncLifetime
{
    private readonly TempDirectory home = new("remote-cli");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        home.Dispose();
    }

    [Fact]
    public async Task Start_prints_a_link_and_a_QR_code_that_open_the_daemon_then_status_and_stop()
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "remote", "start", "--read-only");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Remote access is on.", stdout, StringComparison.Ordinal);
        var full = LinkAfter("Full control: ", stdout);
        var watch = LinkAfter("Watch only:   ", stdout);
        Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+/#token=[A-Za-z0-9_-]{43}$", full);
        Assert.Contains('█', stdout);
        Assert.Equal(2, QrBlocks().Count(stdout));

        var url = new Uri(full);
        var page = await RawHttp.GetAsync(url.Port, "/");
        Assert.Equal(200, page.Status);
        var script = await RawHttp.GetAsync(url.Port, "/panel.js");
        Assert.Equal(200, script.Status);

        await using var phone = await RemoteSocket.ConnectAsync(url);
        Exchange.AssertNoError(await phone.CallAsync(Methods.RemoteAuthenticate, new RemoteAuthenticateParams { Token = RemoteSocket.TokenOf(full) }));
        Exchange.AssertNoError(await phone.InitializeAsync());
        Exchange.AssertNoError(await phone.CallAsync(Methods.SessionsList, new SessionListParams()));

        (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "remote", "status");
        Assert.Equal(0, exit);
        Assert.Contains($"Remote access is on at http://127.0.0.1:{url.Port}/", stdout, StringComparison.Ordinal);
        Assert.Contains("1 page(s) connected, with a watch-only link", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("token", stdout, StringComparison.Ordinal);

        (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "remote", "start", "--json");
        Assert.Equal(0, exit);
        var again = JsonSerializer.Deserialize<RemoteStartResult>(stdout, MaestroJson.CreateOptions())!;
        Assert.True(again.AlreadyRunning);
        Assert.Equal(full, again.Url);

        (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "remote", "stop");
        Assert.Equal(0, exit);
        Assert.True(await phone.ClosedWithinAsync(TimeSpan.FromSeconds(10)), "remote stop left the page's socket open");
        (_, stdout, _) = await MaestroProcess.RunAsync(home.Path, "remote", "status", "--json");
        Assert.Contains("\"running\":false", stdout, StringComparison.Ordinal);

        var log = string.Concat(Directory.EnumerateFiles(Path.Combine(home.Path, "logs")).Select(ReadShared));
        Assert.Contains("Remote access started", log, StringComparison.Ordinal);
        Assert.DoesNotContain(RemoteSocket.TokenOf(full), log, StringComparison.Ordinal);
        Assert.DoesNotContain(RemoteSocket.TokenOf(watch), log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_with_tunnel_prints_the_tunnels_link_status_names_it_and_stop_ends_cloudflared()
    {
        var standIn = CloudflaredStandIn.Create(home.Path);
        var path = new Dictionary<string, string> { ["PATH"] = standIn.Folder + Path.PathSeparator + PathWithoutCloudflared() };
        var (exit, stdout, stderr) = await MaestroProcess.RunWithAsync(home.Path, path, "remote", "start", "--tunnel");
        Assert.True(exit == 0, stderr);
        var full = LinkAfter("Full control: ", stdout);
        Assert.Matches("^https://standin-[0-9a-f]{8}-quick\\.trycloudflare\\.com/#token=[A-Za-z0-9_-]{43}$", full);
        var local = LinkAfter("On this machine: ", stdout);
        Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+/#token=", local);
        Assert.Equal(RemoteSocket.TokenOf(full), RemoteSocket.TokenOf(local));
        Assert.Equal(1, QrBlocks().Count(stdout));
        Assert.Contains("Cloudflare", stdout, StringComparison.Ordinal);
        var pid = Assert.Single(standIn.Pids);

        (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "remote", "status");
        Assert.Equal(0, exit);
        Assert.Contains($"Tunnel: https://{new Uri(full).Host}/ (0 of 3 restarts used).", stdout, StringComparison.Ordinal);

        (exit, _, _) = await MaestroProcess.RunAsync(home.Path, "remote", "stop");
        Assert.Equal(0, exit);
        Assert.False(CloudflaredStandIn.IsRunning(pid), "remote stop left cloudflared running");
    }

    [Fact]
    public async Task Start_with_tunnel_and_no_cloudflared_on_PATH_says_how_to_install_it()
    {
        var path = new Dictionary<string, string> { ["PATH"] = PathWithoutCloudflared() };
        var (exit, stdout, stderr) = await MaestroProcess.RunWithAsync(home.Path, path, "remote", "start", "--tunnel");
        Assert.NotEqual(0, exit);
        Assert.Contains("A tunnel needs cloudflared, which is not on PATH.", stderr, StringComparison.Ordinal);
        Assert.Contains("https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("#token=", stdout, StringComparison.Ordinal);
        (_, stdout, _) = await MaestroProcess.RunAsync(home.Path, "remote", "status", "--json");
        Assert.Contains("\"running\":false", stdout, StringComparison.Ordinal);
    }

    /// <summary>This machine's PATH less any folder holding a cloudflared, so the daemon finds only the one the test means.</summary>
    private static string PathWithoutCloudflared()
        => string.Join(Path.PathSeparator, (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(d => !File.Exists(Path.Combine(d, "cloudflared"))));

    private static string LinkAfter(string label, string stdout)
    {
        var line = stdout.Split('\n').Single(l => l.StartsWith(label, StringComparison.Ordinal));
        return line[label.Length..].Trim();
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A QR code printed as text: a run of lines made of block characters.</summary>
    [GeneratedRegex("(?:^[█▀▄ ]{20,}\\r?\\n){10,}", RegexOptions.Multiline)]
    private static partial Regex QrBlocks();
}
