using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.Server.Tests.Protocol.Exchanges;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Hosts;

/// <summary>
/// hosts/* over the protocol against a real OpenSSH server on loopback (LoopbackSshd): add, list, remove, test,
/// install over SSH, and the errors a user meets (host key, refused key, refused connection, bad input).
/// Records the exchanges of every hosts/* method.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostsTests : IAsyncLifetime
{
    private HostsSandbox sandbox = null!;

    public async Task InitializeAsync() => sandbox = await HostsSandbox.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task Add_list_remove_and_the_errors_of_a_name_that_is_not_there()
    {
        await using var client = await sandbox.ConnectAsync();
        var added = await client.RecordAsync(Methods.HostsAdd, new HostAddParams
        {
            Name = "build-box",
            Destination = sandbox.Sshd.Destination,
            Options = ["ServerAliveInterval=15", "ProxyCommand=ssh -W %h:%p bastion"],
            Env = new Dictionary<string, string> { ["CARGO_HOME"] = "/opt/cargo" },
            Folder = "/srv/repo",
        });
        var warnings = added["result"]!["warnings"]!.AsArray();
        Assert.Single(warnings);
        Assert.Contains("runs a program on this machine", (string)warnings[0]!, StringComparison.Ordinal);
        Assert.Contains("ssh -W %h:%p bastion", (string)warnings[0]!, StringComparison.Ordinal);

        Exchange.AssertNoError(await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "loopback", Destination = "loopback" }));
        var duplicate = await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "BUILD-box", Destination = "loopback" });
        Exchange.AssertError(duplicate, ErrorCodes.InvalidParams, ErrorKinds.InvalidParams);
        Assert.Contains("exists already", (string)duplicate["error"]!["message"]!, StringComparison.Ordinal);

        var list = await client.RecordAsync(Methods.HostsList);
        var hosts = list["result"]!["hosts"]!.AsArray();
        Assert.Equal(["build-box", "loopback"], hosts.Select(h => (string)h!["name"]!));
        Assert.Equal("/opt/cargo", (string)hosts[0]!["env"]!["CARGO_HOME"]!);
        Assert.Equal("/srv/repo", (string)hosts[0]!["folder"]!);
        Assert.Equal(2, hosts[0]!["options"]!.AsArray().Count);

        await client.RecordAsync(Methods.HostsRemove, new HostNameParams { Name = "build-box" });
        var error = await client.RecordErrorAsync(Methods.HostsRemove, new HostNameParams { Name = "build-box" }, ErrorCodes.HostNotFound, ErrorKinds.HostNotFound);
        Assert.Contains("maestro hosts list", (string)error["error"]!["message"]!, StringComparison.Ordinal);
        Exchange.AssertError(await client.CallAsync(Methods.HostsTest, new HostNameParams { Name = "nope" }), ErrorCodes.HostNotFound, ErrorKinds.HostNotFound);
        Assert.Equal(["loopback"], Exchange.AssertNoError(await client.CallAsync(Methods.HostsList))["result"]!["hosts"]!.AsArray().Select(h => (string)h!["name"]!));
    }

    [Fact]
    public async Task Hosts_survive_a_restart_of_the_server()
    {
        await using (var client = await sandbox.ConnectAsync())
        {
            Exchange.AssertNoError(await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "loopback", Destination = "loopback", Options = ["Compression=yes"] }));
        }

        await using var again = new TestSupport.TestServer(home: sandbox.Server.Home);
        await using var second = new ExchangeClient(again.ConnectRaw());
        Exchange.AssertNoError(await second.InitializeAsync());
        var hosts = Exchange.AssertNoError(await second.CallAsync(Methods.HostsList))["result"]!["hosts"]!.AsArray();
        Assert.Equal("Compression=yes", (string)Assert.Single(hosts)!["options"]![0]!);
    }

    [Fact]
    public async Task Option_injection_and_turning_host_key_checking_off_are_refused()
    {
        await using var client = await sandbox.ConnectAsync();
        var canary = Path.Combine(sandbox.Sshd.RemoteHome, "injected");
        await client.RecordErrorAsync(Methods.HostsAdd, new HostAddParams { Name = "evil", Destination = $"-oProxyCommand=touch {canary}" }, ErrorCodes.InvalidParams, ErrorKinds.InvalidParams);
        var refused = new[]
        {
            new HostAddParams { Name = "evil", Destination = $"-oProxyCommand=touch {canary}" },
            new HostAddParams { Name = "evil", Destination = "loopback;touch " + canary },
            new HostAddParams { Name = "evil", Destination = "$(touch " + canary + ")@loopback" },
            new HostAddParams { Name = "evil", Destination = "loopback", Options = ["StrictHostKeyChecking=no"] },
            new HostAddParams { Name = "evil", Destination = "loopback", Options = ["stricthostkeychecking off"] },
            new HostAddParams { Name = "evil", Destination = "loopback", Options = ["BatchMode=no"] },
            new HostAddParams { Name = "evil", Destination = "loopback", Options = ["-oProxyCommand=x"] },
            new HostAddParams { Name = "evil", Destination = "loopback", Options = ["RemoteCommand=touch " + canary] },
            new HostAddParams { Name = "evil", Destination = "loopback", Options = ["ServerAliveInterval=1\nProxyCommand=x"] },
            new HostAddParams { Name = "e vil", Destination = "loopback" },
            new HostAddParams { Name = "local", Destination = "loopback" },
            new HostAddParams { Name = "evil", Destination = "loopback", Env = new Dictionary<string, string> { ["A=B"] = "c" } },
            new HostAddParams { Name = "evil", Destination = "host:99999" },
        };
        foreach (var request in refused)
        {
            var answer = await client.CallAsync(Methods.HostsAdd, request);
            Exchange.AssertError(answer, ErrorCodes.InvalidParams, ErrorKinds.InvalidParams);
        }

        var off = await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "evil", Destination = "loopback", Options = ["StrictHostKeyChecking=no"] });
        Assert.Contains("never", (string)off["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Empty(Exchange.AssertNoError(await client.CallAsync(Methods.HostsList))["result"]!["hosts"]!.AsArray());
        Assert.False(File.Exists(canary));

        var acceptNew = Exchange.AssertNoError(await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "tofu", Destination = "loopback", Options = ["StrictHostKeyChecking=accept-new"] }));
        Assert.Contains("unseen", (string)acceptNew["result"]!["warnings"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_reports_the_platform_and_agents_then_install_copies_the_server_once_and_it_runs_there()
    {
        File.CreateSymbolicLink(Path.Combine(sandbox.Sshd.RemoteBin, "claude"), AgentClis.Claude);
        await using var client = await sandbox.ConnectAsync();
        Exchange.AssertNoError(await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "loopback", Destination = sandbox.Sshd.Destination }));

        var before = (await client.RecordAsync(Methods.HostsTest, new HostNameParams { Name = "loopback" }, "notInstalled"))["result"]!;
        Assert.Equal("linux-x64", (string?)before["rid"]);
        Assert.Matches("^Linux ", (string)before["platform"]!);
        Assert.Null(before["maestro"]);
        Assert.Contains("maestro hosts install loopback", (string)before["hint"]!, StringComparison.Ordinal);
        var agents = before["agents"]!.AsArray().Select(a => (string)a!["id"]!).ToList();
        Assert.Contains(AgentIds.ClaudeCode, agents);
        Assert.DoesNotContain(AgentIds.Codex, agents);
        Assert.Equal(Path.Combine(sandbox.Sshd.RemoteBin, "claude"), (string)before["agents"]!.AsArray().First(a => (string)a!["id"]! == AgentIds.ClaudeCode)!["path"]!);

        var installed = (await client.RecordAsync(Methods.HostsInstall, new HostNameParams { Name = "loopback" }))["result"]!;
        Assert.True((bool)installed["copied"]!);
        Assert.Equal(sandbox.InstalledMaestro, (string)installed["path"]!);
        Assert.Equal(HostService.Version, (string)installed["remoteVersion"]!);
        Assert.True((long)installed["bytes"]! > 1_000_000);

        // The copy is a real server: it runs on the host, over ssh, by itself.
        var (exit, stdout, stderr) = await sandbox.Sshd.SshAsync("loopback", sandbox.InstalledMaestro, "--version");
        Assert.True(exit == 0, stderr);
        Assert.StartsWith(HostService.Version, stdout.Trim(), StringComparison.Ordinal);

        var again = Exchange.AssertNoError(await client.CallAsync(Methods.HostsInstall, new HostNameParams { Name = "loopback" }))["result"]!;
        Assert.False((bool)again["copied"]!);
        Assert.Equal(0, (long)again["bytes"]!);

        var after = (await client.RecordAsync(Methods.HostsTest, new HostNameParams { Name = "loopback" }))["result"]!;
        Assert.Equal(sandbox.InstalledMaestro, (string)after["maestro"]!["path"]!);
        Assert.True((bool)after["maestro"]!["installed"]!);
        Assert.True((bool)after["maestro"]!["sameVersion"]!);
        Assert.Equal(HostService.Version, (string)after["maestro"]!["version"]!);
        Assert.Null(after["hint"]);
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_with_how_to_fix_it_and_checking_stays_on()
    {
        await using var client = await sandbox.ConnectAsync();
        Exchange.AssertNoError(await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "impostor", Destination = "impostor" }));
        var answer = await client.RecordErrorAsync(Methods.HostsTest, new HostNameParams { Name = "impostor" }, ErrorCodes.HostKeyRejected, ErrorKinds.HostKeyRejected);
        var message = (string)answer["error"]!["message"]!;
        Assert.Contains("changed", message, StringComparison.Ordinal);
        Assert.Contains($"-R \"[127.0.0.1]:{sandbox.Sshd.Port}\"", message, StringComparison.Ordinal);
        Assert.Contains("never turns host key checking off", message, StringComparison.Ordinal);
        Assert.DoesNotContain("StrictHostKeyChecking=no", message, StringComparison.Ordinal);

        Exchange.AssertError(await client.CallAsync(Methods.HostsInstall, new HostNameParams { Name = "impostor" }), ErrorCodes.HostKeyRejected, ErrorKinds.HostKeyRejected);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Sshd.RemoteHome, ".maestro")));
    }

    [Fact]
    public async Task An_unknown_host_key_is_refused_with_how_to_trust_it()
    {
        await using var client = await sandbox.ConnectAsync();
        Exchange.AssertNoError(await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "unknown", Destination = "unknown" }));
        var answer = await client.CallAsync(Methods.HostsTest, new HostNameParams { Name = "unknown" });
        Exchange.AssertError(answer, ErrorCodes.HostKeyRejected, ErrorKinds.HostKeyRejected);
        var message = (string)answer["error"]!["message"]!;
        Assert.Contains("does not know the host key", message, StringComparison.Ordinal);
        Assert.Contains("ssh-keyscan", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_is_a_clear_error()
    {
        await using var client = await sandbox.ConnectAsync();
        Exchange.AssertNoError(await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "stranger", Destination = "stranger" }));
        var answer = await client.RecordErrorAsync(Methods.HostsTest, new HostNameParams { Name = "stranger" }, ErrorCodes.HostAuthFailed, ErrorKinds.HostAuthFailed);
        var message = (string)answer["error"]!["message"]!;
        Assert.Contains("Permission denied (publickey)", message, StringComparison.Ordinal);
        Assert.Contains("authorized_keys", message, StringComparison.Ordinal);
        Assert.Contains("BatchMode", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_a_clear_error()
    {
        await using var client = await sandbox.ConnectAsync();
        var closed = ClosedPort();
        Exchange.AssertNoError(await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "down", Destination = $"127.0.0.1:{closed}" }));
        var answer = await client.RecordErrorAsync(Methods.HostsTest, new HostNameParams { Name = "down" }, ErrorCodes.HostUnreachable, ErrorKinds.HostUnreachable);
        var message = (string)answer["error"]!["message"]!;
        Assert.Contains("refused the connection", message, StringComparison.Ordinal);
        Assert.Contains("Is sshd running there", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_on_a_platform_without_a_build_says_so_and_where_it_looked()
    {
        // A STAND-IN uname on the host's PATH makes this machine look like an arm64 one, for which no build is here.
        var uname = Path.Combine(sandbox.Sshd.RemoteBin, "uname");
        await File.WriteAllTextAsync(uname, "#!/bin/sh\necho 'Linux aarch64'\n");
        File.SetUnixFileMode(uname, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var client = await sandbox.ConnectAsync();
        Exchange.AssertNoError(await client.CallAsync(Methods.HostsAdd, new HostAddParams { Name = "arm", Destination = "loopback" }));

        var test = Exchange.AssertNoError(await client.CallAsync(Methods.HostsTest, new HostNameParams { Name = "arm" }))["result"]!;
        Assert.Equal("linux-arm64", (string?)test["rid"]);
        var answer = await client.RecordErrorAsync(Methods.HostsInstall, new HostNameParams { Name = "arm" }, ErrorCodes.ServerBuildMissing, ErrorKinds.ServerBuildMissing);
        var message = (string)answer["error"]!["message"]!;
        Assert.Contains("linux-arm64", message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(sandbox.BuildsPath, "linux-arm64"), message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Sshd.RemoteHome, ".maestro")));

        await File.WriteAllTextAsync(uname, "#!/bin/sh\necho 'FreeBSD amd64'\n");
        var other = Exchange.AssertNoError(await client.CallAsync(Methods.HostsTest, new HostNameParams { Name = "arm" }))["result"]!;
        Assert.Null(other["rid"]);
        Assert.Contains("no server build for this platform", (string)other["hint"]!, StringComparison.Ordinal);
        Exchange.AssertError(await client.CallAsync(Methods.HostsInstall, new HostNameParams { Name = "arm" }), ErrorCodes.ServerBuildMissing, ErrorKinds.ServerBuildMissing);
    }

    private static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
