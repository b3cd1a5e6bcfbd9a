using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Remote;
using Maestro.Server.Tests.Protocol.Exchanges;
using Maestro.TestSupport;
using Maestro.TestSupport.Remote;

namespace Maestro.Server.Tests.Remote;

/// <summary>
/// Remote access against the real server in process: remote/start's Kestrel page and its headers, the WebSocket's
/// token, Origin and read-only rules, remote/stop, and what reaches the log. Sessions run the Claude Code STAND-IN.
/// </summary>
public sealed class RemoteAccessTests : IAsyncLifetime
{
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
    public async Task Start_serves_the_page_on_loopback_with_its_security_headers()
    {
        var started = await StartAsync();
        var url = new Uri((string)started["url"]!);
        Assert.Equal("127.0.0.1", url.Host);
        Assert.Equal((int)started["port"]!, url.Port);
        Assert.Equal("/", url.AbsolutePath);
        Assert.Matches("^#token=[A-Za-z0-9_-]{43}$", url.Fragment);
        Assert.Null(started["readOnlyUrl"]);
        Assert.Null(started["warning"]);
        Assert.StartsWith("<svg", (string)started["qrSvg"]!, StringComparison.Ordinal);

        var page = await RawHttp.GetAsync(url.Port, "/");
        Assert.Equal(200, page.Status);
        Assert.Contains("id=\"maestro-root\" data-host=\"remote\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(RemotePage.ContentSecurityPolicy(url.Authority), page.Headers["Content-Security-Policy"]);
        Assert.Contains("default-src 'none'; script-src 'self';", page.Headers["Content-Security-Policy"], StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' ws://127.0.0.1:{url.Port};", page.Headers["Content-Security-Policy"], StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers["Referrer-Policy"]);
        Assert.Equal("nosniff", page.Headers["X-Content-Type-Options"]);
        Assert.Equal("no-store", page.Headers["Cache-Control"]);
        Assert.False(page.Headers.ContainsKey("Server"));

        // The bundle this build embedded (clients/panel/dist, built before the server).
        Assert.True(RemotePage.HasBundle, "this server was built without clients/panel/dist: run 'npm run build' in clients/panel first");
        var script = await RawHttp.GetAsync(url.Port, "/panel.js");
        Assert.Equal(200, script.Status);
        Assert.StartsWith("text/javascript", script.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("no-store", script.Headers["Cache-Control"]);

        // A second start answers the same access, no new token.
        var again = await StartAsync();
        Assert.True((bool)again["alreadyRunning"]!);
        Assert.Equal((string)started["url"]!, (string)again["url"]!);
    }

    [Theory]
    [InlineData("/../../etc/passwd")]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/%2E%2E%2Fmaestro.dll")]
    [InlineData("/..%2f..%2fetc%2fpasswd")]
    [InlineData("/..\\..\\etc\\passwd")]
    [InlineData("/panel.js/")]
    [InlineData("/panel.js%00")]
    [InlineData("/%2fpanel.js")]
    [InlineData("/remote/")]
    [InlineData("/remote/panel.js")]
    [InlineData("/index.html")]
    [InlineData("//etc/passwd")]
    [InlineData("/maestro.dll")]
    public async Task Traversal_directories_and_other_paths_are_404(string target)
    {
        var started = await StartAsync();
        var answer = await RawHttp.GetAsync((int)started["port"]!, target);
        Assert.True(answer.Status is 404 or 400, $"{target} answered {answer.Status}");
        Assert.DoesNotContain("root:", answer.Body, StringComparison.Ordinal);
        Assert.Equal("nosniff", answer.Headers.GetValueOrDefault("X-Content-Type-Options", "nosniff"));
    }

    [Fact]
    public async Task A_host_other_than_the_address_given_out_is_refused()
    {
        var started = await StartAsync();
        var answer = await RawHttp.GetAsync((int)started["port"]!, "/", host: "rebound.example:" + (int)started["port"]!);
        Assert.Equal(400, answer.Status);
    }

    [Fact]
    public async Task Before_the_token_every_request_is_Unauthorized_and_a_wrong_token_closes_the_socket()
    {
        var started = await StartAsync();
        await using var phone = await RemoteSocket.ConnectAsync(new Uri((string)started["url"]!));

        var list = await phone.CallAsync(Methods.SessionsList, new SessionListParams());
        Exchange.AssertError(list, ErrorCodes.Unauthorized, ErrorKinds.Unauthorized);
        var initialize = await phone.InitializeAsync();
        Exchange.AssertError(initialize, ErrorCodes.Unauthorized, ErrorKinds.Unauthorized);
        Assert.False(phone.Closed);

        var wrong = new RemoteAuthenticateParams { Token = new string('A', 43) };
        var refused = await phone.CallAsync(Methods.RemoteAuthenticate, wrong);
        Exchange.AssertError(refused, ErrorCodes.Unauthorized, ErrorKinds.Unauthorized);
        ExchangeStore.SaveOrCompare(ExchangeStore.FileName(Methods.RemoteAuthenticate, ErrorKinds.Unauthorized), new JsonObject
        {
            ["method"] = Methods.RemoteAuthenticate,
            ["request"] = new JsonObject { ["token"] = wrong.Token },
            ["error"] = refused["error"]!.DeepClone(),
        });
        Assert.True(await phone.ClosedWithinAsync(TimeSpan.FromSeconds(10)), "a failed authentication left the socket open");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, phone.CloseStatus);
    }

    [Fact]
    public async Task The_right_token_makes_the_page_a_client_of_the_same_server()
    {
        var started = await StartAsync();
        await using var phone = await RemoteSocket.ConnectAsync(new Uri((string)started["url"]!));
        var token = RemoteSocket.TokenOf((string)started["url"]!);
        var authenticated = await phone.CallAsync(Methods.RemoteAuthenticate, new RemoteAuthenticateParams { Token = token });
        Exchange.AssertNoError(authenticated);
        Assert.False((bool)authenticated["result"]!["readOnly"]!);
        // Recorded with the token blanked: the exchange files are public.
        ExchangeStore.SaveOrCompare(ExchangeStore.FileName(Methods.RemoteAuthenticate), new JsonObject
        {
            ["method"] = Methods.RemoteAuthenticate,
            ["request"] = new JsonObject { ["token"] = "<the token from the URL fragment>" },
            ["response"] = authenticated["result"]!.DeepClone(),
        });

        Exchange.AssertNoError(await phone.InitializeAsync());
        Exchange.AssertNoError(await phone.CallAsync(Methods.SessionsList, new SessionListParams()));

        // What the editor does, the phone sees; what the phone does, the editor sees.
        var created = Exchange.AssertNoError(await editor.CallAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Repo }));
        var id = (string)created["result"]!["id"]!;
        var changed = await phone.NotificationAsync(Methods.SessionsChanged);
        Assert.Equal(id, (string?)changed["params"]!["session"]!["id"]);

        var turn = Exchange.AssertNoError(await phone.CallAsync(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "From the phone" }));
        Assert.Equal("endTurn", (string?)turn["result"]!["stopReason"]);
        await editor.NotificationAsync(Methods.SessionsEvent, p => (string?)p["sessionId"] == id && (string?)p["event"]!["type"] == "prompt");

        var status = Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStatus));
        Assert.Equal(1, (int)status["result"]!["connections"]!);
    }

    [Fact]
    public async Task A_read_only_token_watches_but_cannot_control()
    {
        var started = await StartAsync(new RemoteStartParams { ReadOnly = true });
        var readOnlyUrl = (string)started["readOnlyUrl"]!;
        Assert.NotEqual(RemoteSocket.TokenOf((string)started["url"]!), RemoteSocket.TokenOf(readOnlyUrl));
        var created = Exchange.AssertNoError(await editor.CallAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Repo }));
        var id = (string)created["result"]!["id"]!;

        await using var watcher = await RemoteSocket.ConnectAsync(new Uri(readOnlyUrl));
        var authenticated = Exchange.AssertNoError(await watcher.CallAsync(Methods.RemoteAuthenticate, new RemoteAuthenticateParams { Token = RemoteSocket.TokenOf(readOnlyUrl) }));
        Assert.True((bool)authenticated["result"]!["readOnly"]!);
        Exchange.AssertNoError(await watcher.InitializeAsync());
        var sessions = Exchange.AssertNoError(await watcher.CallAsync(Methods.SessionsList, new SessionListParams()));
        Assert.Contains(sessions["result"]!["sessions"]!.AsArray(), s => (string?)s!["id"] == id);
        Exchange.AssertNoError(await watcher.CallAsync(Methods.SessionsHistory, new SessionHistoryParams { SessionId = id }));
        Exchange.AssertNoError(await watcher.CallAsync(Methods.SessionsOutput, new SessionOutputParams { SessionId = id }));

        var prompt = new SessionPromptParams { SessionId = id, Text = "Not allowed" };
        var refused = await watcher.CallAsync(Methods.SessionsPrompt, prompt);
        Exchange.AssertError(refused, ErrorCodes.Unauthorized, ErrorKinds.Unauthorized);
        Assert.Contains("read-only", (string)refused["error"]!["message"]!, StringComparison.Ordinal);
        Exchange.Record(ExchangeStore.FileName(Methods.SessionsPrompt, ErrorKinds.Unauthorized), Methods.SessionsPrompt, prompt, refused);
        foreach (var (method, @params) in new (string, object?)[]
        {
            (Methods.SessionsCancel, new SessionIdParams { SessionId = id }),
            (Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Repo }),
            (Methods.PlaybooksRun, new PlaybookRunParams { Path = Path.Combine(sandbox.Repo, "README.md"), AgentId = "claude-code" }),
            (Methods.RunsStop, new RunIdParams { RunId = "r" }),
            (Methods.ReviewAccept, new JsonObject { ["cwd"] = sandbox.Repo }),
            (Methods.RemoteStop, null),
            (Methods.DaemonStop, null),
        })
        {
            Exchange.AssertError(await watcher.CallAsync(method, @params), ErrorCodes.Unauthorized, ErrorKinds.Unauthorized);
        }

        // The watcher still sees what happens.
        Exchange.AssertNoError(await editor.CallAsync(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "From the editor" }));
        await watcher.NotificationAsync(Methods.SessionsEvent);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://localhost")]
    [InlineData("null")]
    [InlineData(null)]
    public async Task An_upgrade_from_another_origin_is_refused(string? origin)
    {
        var started = await StartAsync();
        var error = await Assert.ThrowsAsync<WebSocketException>(() => RemoteSocket.ConnectAsync(new Uri((string)started["url"]!), origin));
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_attempts_are_throttled_per_address_and_no_token_reaches_the_log()
    {
        var started = await StartAsync();
        var url = new Uri((string)started["url"]!);
        for (var i = 0; i < RemoteAttemptLimiter.MaxFailures; i++)
        {
            await using var guess = await RemoteSocket.ConnectAsync(url);
            Exchange.AssertError(await guess.CallAsync(Methods.RemoteAuthenticate, new RemoteAuthenticateParams { Token = $"guess-{i}-secret" }), ErrorCodes.Unauthorized, ErrorKinds.Unauthorized);
        }

        // Now even the right token waits: the upgrade itself is refused.
        var throttled = await Assert.ThrowsAsync<WebSocketException>(() => RemoteSocket.ConnectAsync(url));
        Assert.Contains("429", throttled.Message, StringComparison.Ordinal);

        // A restart is a fresh start (new tokens, counts cleared); the log names the failures, never a token.
        Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStop));
        var restarted = await StartAsync();
        await using var phone = await RemoteSocket.ConnectAsync(new Uri((string)restarted["url"]!));
        Exchange.AssertNoError(await phone.CallAsync(Methods.RemoteAuthenticate, new RemoteAuthenticateParams { Token = RemoteSocket.TokenOf((string)restarted["url"]!) }));

        var log = ReadLogs();
        Assert.Contains("Remote authentication failed from 127.0.0.1 (5 in the last minute)", log, StringComparison.Ordinal);
        Assert.Contains("Remote client authenticated", log, StringComparison.Ordinal);
        Assert.DoesNotContain(RemoteSocket.TokenOf((string)started["url"]!), log, StringComparison.Ordinal);
        Assert.DoesNotContain(RemoteSocket.TokenOf((string)restarted["url"]!), log, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_closes_every_socket_and_invalidates_the_tokens()
    {
        var started = await StartAsync(new RemoteStartParams { ReadOnly = true });
        var url = new Uri((string)started["url"]!);
        await using var phone = await RemoteSocket.ConnectAsync(url);
        Exchange.AssertNoError(await phone.CallAsync(Methods.RemoteAuthenticate, new RemoteAuthenticateParams { Token = RemoteSocket.TokenOf(url.ToString()) }));
        Exchange.AssertNoError(await phone.InitializeAsync());
        await using var waiting = await RemoteSocket.ConnectAsync(url); // not authenticated yet: closed all the same

        var stopped = await editor.RecordAsync(Methods.RemoteStop);
        Assert.Null(stopped["result"]);
        Assert.True(await phone.ClosedWithinAsync(TimeSpan.FromSeconds(10)), "remote/stop left an authenticated socket open");
        Assert.True(await waiting.ClosedWithinAsync(TimeSpan.FromSeconds(10)), "remote/stop left a socket open");
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, phone.CloseStatus);
        var status = await editor.RecordAsync(Methods.RemoteStatus);
        Assert.False((bool)status["result"]!["running"]!);
        await Assert.ThrowsAnyAsync<Exception>(() => RemoteSocket.ConnectAsync(url));
        // Stopping what is not running is no error.
        Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStop));
    }

    [Fact]
    public async Task Start_and_status_exchanges_and_the_refusals_of_start()
    {
        var started = await editor.RecordAsync(Methods.RemoteStart, new RemoteStartParams { ReadOnly = true });
        Assert.NotNull(started["result"]!["readOnlyQrSvg"]);
        var status = await editor.RecordAsync(Methods.RemoteStatus, null, "running");
        Assert.True((bool)status["result"]!["running"]!);
        Assert.True((bool)status["result"]!["readOnlyIssued"]!);
        Assert.DoesNotContain("token", status.ToJsonString(), StringComparison.Ordinal);
        await editor.RecordErrorAsync(Methods.RemoteStart, new RemoteStartParams { Tunnel = true, Lan = true }, ErrorCodes.InvalidParams, ErrorKinds.InvalidParams);
        Exchange.AssertError(await editor.CallAsync(Methods.RemoteStart, new RemoteStartParams { Port = 70000 }), ErrorCodes.InvalidParams, ErrorKinds.InvalidParams);
        Exchange.AssertError(await editor.CallAsync(Methods.RemoteAuthenticate, new RemoteAuthenticateParams { Token = "x" }), ErrorCodes.InvalidRequest, ErrorKinds.InvalidRequest);
    }

    [Fact]
    public async Task A_port_in_use_is_Busy_naming_the_port()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var answer = await editor.CallAsync(Methods.RemoteStart, new RemoteStartParams { Port = port });
        Exchange.AssertError(answer, ErrorCodes.Busy, ErrorKinds.Busy);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)answer["error"]!["message"]!, StringComparison.Ordinal);
    }

    private async Task<JsonObject> StartAsync(RemoteStartParams? request = null)
        => Exchange.AssertNoError(await editor.CallAsync(Methods.RemoteStart, request ?? new RemoteStartParams()))["result"]!.AsObject();

    private string ReadLogs()
    {
        var logs = Path.Combine(sandbox.Home, "logs");
        return string.Concat(Directory.EnumerateFiles(logs).Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }
}
