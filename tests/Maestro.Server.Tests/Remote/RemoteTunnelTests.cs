using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Remote;
using Maestro.Server.Tests.Protocol.Exchanges;
using Maestro.TestSupport;
using Maestro.TestSupport.Remote;

namespace Maestro.Server.Tests.Remote;

/// <summary>
/// <c>remote/start {tunnel: true}</c> against the real server in process, with the cloudflared STAND-IN
/// (tests/Maestro.TestSupport/Remote/cloudflared-standin): its address in the links and the QR code, the page and
/// socket through the tunnel's Host and Origin, stop killing it, restarts after it dies and the limit, the errors.
/// </summary>
public sealed class RemoteTunnelTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ExchangeSandbox sandbox = null!;
    private ExchangeClient editor = null!;

    public async Task InitializeAsync()
    {
        sandbox = ExchangeSandbox.Create();
        editor = await sandbox.ConnectAsync("editor");
    }

    public async Task DisposeAsync()
    {
        await editor.DisposeAsync();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task The_tunnel_address_is_in_the_links_and_the_QR_codes_and_its_Host_and_Origin_are_let_in()
    {
        var standIn = UseStandIn();
        var started = (await editor.RecordAsync(Methods.RemoteStart, new RemoteStartParams { Tunnel = true, ReadOnly = true }, "tunnel"))["result"]!.AsObject();
        var url = new Uri((string)started["url"]!);
        Assert.Equal("https", url.Scheme);
        Assert.Matches("^standin-[0-9a-f]{8}-quick\\.trycloudflare\\.com$", url.Host);
        Assert.Equal("/", url.AbsolutePath);
        Assert.Matches("^#token=[A-Za-z0-9_-]{43}$", url.Fragment);
        Assert.Equal(RemoteQr.Svg(url.ToString()), (string)started["qrSvg"]!);
        var watch = new Uri((string)started["readOnlyUrl"]!);
        Assert.Equal(url.Host, watch.Host);
        Assert.Equal(RemoteQr.Svg(watch.ToString()), (string)started["readOnlyQrSvg"]!);
        var port = (int)started["port"]!;
        var local = new Uri((string)started["localUrl"]!);
        Assert.Equal($"http://127.0.0.1:{port}/{url.Fragment}", local.ToString());
        Assert.Contains("Cloudflare", (string)started["warning"]!, StringComparison.Ordinal);

        // cloudflared was pointed at this page's port, on loopback.
        Assert.Equal([$"tunnel --no-autoupdate --url http://127.0.0.1:{port}"], standIn.Arguments);

        // What cloudflared forwards: the tunnel's Host. The page's socket then goes to wss:// on that host.
        var page = await RawHttp.GetAsync(port, "/", host: url.Host);
        Assert.Equal(200, page.Status);
        Assert.Contains($"connect-src 'self' wss://{url.Host};", page.Headers["Content-Security-Policy"], StringComparison.Ordinal);
        Assert.Equal(400, (await RawHttp.GetAsync(port, "/", host: "standin-00000000-quick.trycloudflare.com")).Status);

        await using (var phone = await RemoteSocket.ConnectAsync(url, viaPort: port))
        {
            Exchange.AssertNoError(await phone.CallAsync(Methods.RemoteAuthenticate, new RemoteAuthenticateParams { Token = RemoteSocket.TokenOf(url.ToString()) }));
            Exchange.AssertNoError(await phone.InitializeAsync());
            Exchange.AssertNoError(await phone.CallAsync(Methods.SessionsList, new SessionListParams()));
        }

        // Through the tunnel only the tunnel's own origin: not the loopback page's, not another tunnel's.
        foreach (var origin in new[] { $"http://127.0.0.1:{port}", "https://standin-00000000-quick.trycloudflare.com", "http://" + url.Host })
        {
            var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => RemoteSocket.ConnectAsync(url, origin, viaPort: port));
            Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        }

        // The loopback page still works as before.
        await using var onMachine = await RemoteSocket.ConnectAsync(local);
        Exchange.AssertNoError(await onMachine.CallAsync(Methods.RemoteAuthenticate, new RemoteAuthenticateParams { Token = RemoteSocket.TokenOf(local.ToString()) }));

        var status = (await editor.RecordAsync(Methods.RemoteStatus, null, "tunnel"))["result"]!["tunnel"]!;
        Assert.True((bool)status["running"]!);
        Assert.Equal(url.Host, (string?)status["host"]);
        Assert.Equal(0, (int)status["restarts"]!);
        Assert.DoesNotContain("token", status.ToJsonString(), StringComparison.Ordinal);

        var again = await StartAsync(new RemoteStartParams { Tunnel = true });
        Assert.True((bool)again["alreadyRunning"]!);
        Assert.Equal(url.ToString(), (string)again["url"]!);
        Assert.Single(standIn.Pids);
    }

    [Fact]
    public async Task Stop_kills_cloudflared()
    {
        var standIn = UseStandIn();
        await StartAsync(new RemoteStartParams { Tunnel = true });
        var pid = Assert.Single(standIn.Pids);
        Assert.True(CloudflaredStandIn.IsRunning(pid));

        Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStop));
        Assert.False(CloudflaredStandIn.IsRunning(pid), "remote/stop answered with cloudflared still running");
        Assert.Null(Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStatus))["result"]!["tunnel"]);
    }

    [Fact]
    public async Task A_killed_cloudflared_is_restarted_with_a_new_address_three_times_then_status_says_it_gave_up()
    {
        var standIn = UseStandIn();
        var first = new Uri((string)(await StartAsync(new RemoteStartParams { Tunnel = true }))["url"]!);
        var previousHost = first.Host;
        for (var restart = 1; restart <= RemoteTunnel.MaxRestarts; restart++)
        {
            System.Diagnostics.Process.GetProcessById(standIn.Pids[^1]).Kill();
            await Wait.UntilAsync(() => standIn.Pids.Count == restart + 1, Patience, $"cloudflared restart {restart}");
            var tunnel = await WaitForTunnelAsync(t => (bool)t["running"]! && (int)t["restarts"]! == restart);
            Assert.NotEqual(previousHost, (string?)tunnel["host"]);
            previousHost = (string)tunnel["host"]!;

            // The links follow the new address; the token stays.
            var again = await StartAsync(new RemoteStartParams { Tunnel = true });
            var url = new Uri((string)again["url"]!);
            Assert.Equal(previousHost, url.Host);
            Assert.Equal(first.Fragment, url.Fragment);
        }

        System.Diagnostics.Process.GetProcessById(standIn.Pids[^1]).Kill();
        var down = await WaitForTunnelAsync(t => t["error"] is not null);
        Assert.False((bool)down["running"]!);
        Assert.Equal(RemoteTunnel.MaxRestarts, (int)down["restarts"]!);
        Assert.Contains("restarted 3 times", (string)down["error"]!, StringComparison.Ordinal);
        Assert.Equal(RemoteTunnel.MaxRestarts + 1, standIn.Pids.Count);
        Assert.All(standIn.Pids, pid => Assert.False(CloudflaredStandIn.IsRunning(pid)));

        // The page is still served on this machine, and start says the tunnel is down.
        var local = await StartAsync(new RemoteStartParams { Tunnel = true });
        Assert.StartsWith("http://127.0.0.1:", (string)local["url"]!, StringComparison.Ordinal);
        Assert.Contains("tunnel is down", (string)local["warning"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_cloudflared_start_says_how_to_install_it_and_starts_nothing()
    {
        WriteRemoteSettings(new JsonObject { ["cloudflaredPath"] = Path.Combine(sandbox.Home, "no-such-cloudflared") });
        var refused = await editor.RecordErrorAsync(Methods.RemoteStart, new RemoteStartParams { Tunnel = true }, ErrorCodes.TunnelUnavailable, ErrorKinds.TunnelUnavailable);
        var message = (string)refused["error"]!["message"]!;
        Assert.Contains("no-such-cloudflared", message, StringComparison.Ordinal);
        Assert.Contains("https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/", message, StringComparison.Ordinal);
        Assert.Contains("brew install cloudflared", message, StringComparison.Ordinal);
        Assert.False((bool)Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStatus))["result"]!["running"]!);

        Exchange.AssertError(await editor.CallAsync(Methods.RemoteStart, new RemoteStartParams { Tunnel = true, Lan = true }), ErrorCodes.InvalidParams, ErrorKinds.InvalidParams);
    }

    [Fact]
    public async Task A_cloudflared_that_exits_before_its_address_is_an_error_with_its_last_lines()
    {
        UseStandIn("refused");
        var refused = await editor.CallAsync(Methods.RemoteStart, new RemoteStartParams { Tunnel = true });
        Exchange.AssertError(refused, ErrorCodes.TunnelUnavailable, ErrorKinds.TunnelUnavailable);
        var message = (string)refused["error"]!["message"]!;
        Assert.Contains("exited with code 1 before giving a public address", message, StringComparison.Ordinal);
        Assert.Contains("429 Too Many Requests", message, StringComparison.Ordinal);
        Assert.False((bool)Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStatus))["result"]!["running"]!);
    }

    [Fact]
    public async Task A_cloudflared_that_prints_no_address_in_time_is_stopped_and_an_error()
    {
        var standIn = UseStandIn("silent", waitSeconds: 2);
        var refused = await editor.CallAsync(Methods.RemoteStart, new RemoteStartParams { Tunnel = true });
        Exchange.AssertError(refused, ErrorCodes.TunnelUnavailable, ErrorKinds.TunnelUnavailable);
        var message = (string)refused["error"]!["message"]!;
        Assert.Contains("printed no public address within 2 s", message, StringComparison.Ordinal);
        Assert.Contains("Requesting new quick Tunnel on trycloudflare.com", message, StringComparison.Ordinal);
        var pid = Assert.Single(standIn.Pids);
        Assert.False(CloudflaredStandIn.IsRunning(pid), "the silent cloudflared was left running");
        Assert.False((bool)Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStatus))["result"]!["running"]!);
    }

    [Theory]
    [InlineData("2026-12-02T10:30:18Z INF |  https://abc-xyz-123.trycloudflare.com                                                    |", "https://abc-xyz-123.trycloudflare.com/")]
    [InlineData("|  https://Purple-Rain-4d7f.trycloudflare.com   |", "https://purple-rain-4d7f.trycloudflare.com/")]
    [InlineData("INF Thank you for trying Cloudflare Tunnel ... https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/get-started/", null)]
    [InlineData("INF Requesting new quick Tunnel on trycloudflare.com...", null)]
    [InlineData("https://evil.trycloudflare.com.example.org", null)]
    public void The_address_is_read_from_the_box_and_nothing_else(string line, string? expected)
        => Assert.Equal(expected, QuickTunnelOutput.PublicUrl(line)?.ToString());

    private CloudflaredStandIn UseStandIn(string mode = "normal", int? waitSeconds = null)
    {
        var standIn = CloudflaredStandIn.Create(sandbox.Home, mode);
        var remote = new JsonObject { ["cloudflaredPath"] = standIn.Path };
        if (waitSeconds is { } seconds)
        {
            remote["tunnelWaitSeconds"] = seconds;
        }

        WriteRemoteSettings(remote);
        return standIn;
    }

    private void WriteRemoteSettings(JsonObject remote)
    {
        var path = Path.Combine(sandbox.Home, "settings.json");
        var settings = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        settings["remote"] = remote;
        File.WriteAllText(path, settings.ToJsonString());
    }

    private async Task<JsonNode> WaitForTunnelAsync(Func<JsonNode, bool> condition)
    {
        JsonNode? tunnel = null;
        await Wait.UntilAsync(
            async () =>
            {
                tunnel = Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStatus))["result"]!["tunnel"];
                return tunnel is not null && condition(tunnel);
            },
            Patience,
            "the tunnel's status");
        return tunnel!;
    }

    private async Task<JsonObject> StartAsync(RemoteStartParams request)
        => Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStart, request))["result"]!.AsObject();
}
