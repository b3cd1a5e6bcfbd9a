using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Hosts;

/// <summary>
/// <c>maestro hosts add|list|test|install|remove</c> against a real daemon process, pointed at the loopback sshd
/// through MAESTRO_SSH_CONFIG and at the server as built through MAESTRO_SERVER_BUILDS.
/// </summary>
public sealed class HostsCliTests : IAsyncLifetime
{
    private readonly TempDirectory home = new("hosts-cli");
    private HostsSandbox sandbox = null!;
    private Dictionary<string, string> environment = null!;

    public async Task InitializeAsync()
    {
        sandbox = await HostsSandbox.StartAsync();
        environment = new Dictionary<string, string> { ["MAESTRO_SSH_CONFIG"] = sandbox.Sshd.ClientConfig, ["MAESTRO_SERVER_BUILDS"] = sandbox.BuildsPath };
    }

    public async Task DisposeAsync()
    {
        await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        await sandbox.DisposeAsync();
        home.Dispose();
    }

    [Fact]
    public async Task Add_list_test_install_and_remove_from_the_command_line()
    {
        var (exit, stdout, stderr) = await RunAsync("hosts", "add", "box", sandbox.Sshd.Destination, "-o", "ProxyCommand=nc %h %p", "-o", "ServerAliveInterval=30", "--env", "RUST_LOG=info", "--folder", "/srv/app");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Added host 'box'", stdout, StringComparison.Ordinal);
        Assert.Contains("Warning: 'ProxyCommand' runs a program on this machine", stdout, StringComparison.Ordinal);
        (exit, _, stderr) = await RunAsync("hosts", "remove", "box");
        Assert.True(exit == 0, stderr);

        (exit, _, stderr) = await RunAsync("hosts", "add", "box", sandbox.Sshd.Destination, "--folder", "/srv/app");
        Assert.True(exit == 0, stderr);
        (exit, stdout, _) = await RunAsync("hosts", "list");
        Assert.Equal(0, exit);
        Assert.Matches(@"NAME\s+DESTINATION\s+STATE\s+FOLDER\s+OPTIONS", stdout);
        Assert.Matches($@"box\s+{System.Text.RegularExpressions.Regex.Escape(sandbox.Sshd.Destination)}\s+offline\s+/srv/app", stdout);

        (exit, stdout, stderr) = await RunAsync("hosts", "test", "box");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Platform: Linux", stdout, StringComparison.Ordinal);
        Assert.Contains("Maestro:  not found", stdout, StringComparison.Ordinal);
        Assert.Contains("maestro hosts install box", stdout, StringComparison.Ordinal);

        (exit, stdout, stderr) = await RunAsync("hosts", "install", "box");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"Installed maestro {HostService.Version}", stdout, StringComparison.Ordinal);
        Assert.Contains(sandbox.InstalledMaestro, stdout, StringComparison.Ordinal);
        (exit, stdout, _) = await RunAsync("hosts", "install", "box");
        Assert.Equal(0, exit);
        Assert.Contains("is already installed", stdout, StringComparison.Ordinal);

        (exit, stdout, _) = await RunAsync("hosts", "test", "box", "--json");
        Assert.Equal(0, exit);
        var test = JsonSerializer.Deserialize<HostTestResult>(stdout, MaestroJson.CreateOptions())!;
        Assert.Equal(sandbox.InstalledMaestro, test.Maestro!.Path);
        Assert.True(test.Maestro.SameVersion);

        (exit, stdout, _) = await RunAsync("hosts", "list", "--json");
        Assert.Equal("box", Assert.Single(JsonSerializer.Deserialize<HostListResult>(stdout, MaestroJson.CreateOptions())!.Hosts).Name);
        (exit, stdout, _) = await RunAsync("hosts", "remove", "box");
        Assert.Equal(0, exit);
        (_, _, stderr) = await RunAsync("hosts", "list");
        Assert.Contains("No hosts.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_print_what_to_do_and_exit_non_zero()
    {
        var (exit, _, stderr) = await RunAsync("hosts", "add", "evil", "--", "-oProxyCommand=touch /tmp/x");
        Assert.NotEqual(0, exit);
        Assert.Contains("starts with '-'", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await RunAsync("hosts", "add", "evil", "loopback", "-o", "StrictHostKeyChecking=no");
        Assert.NotEqual(0, exit);
        Assert.Contains("turns host key checking off", stderr, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("hosts", "add", "impostor", "impostor")).ExitCode);
        (exit, _, stderr) = await RunAsync("hosts", "test", "impostor");
        Assert.NotEqual(0, exit);
        Assert.Contains("ssh-keygen -f", stderr, StringComparison.Ordinal);

        string stdout;
        (exit, stdout, _) = await RunAsync("hosts", "test", "nope", "--json");
        Assert.NotEqual(0, exit);
        Assert.Contains("\"HostNotFound\"", stdout, StringComparison.Ordinal);

        // sessions new --host: the folder is a path there, never this machine's current folder.
        (exit, stdout, _) = await RunAsync("sessions", "new", "-a", "claude-code", "--host", "nope", "--json");
        Assert.NotEqual(0, exit);
        Assert.Contains("\"HostNotFound\"", stdout, StringComparison.Ordinal);
        (exit, _, stderr) = await RunAsync("sessions", "new", "-a", "claude-code", "--host", "impostor");
        Assert.Equal(2, exit);
        Assert.Contains("Host 'impostor' has no default folder: give --cwd", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = await RunAsync("sessions", "new", "-a", "claude-code", "--host", "impostor", "--cwd", "src");
        Assert.Equal(2, exit);
        Assert.Contains("--cwd 'src' is relative; on host 'impostor' give the absolute path there.", stderr, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
        => MaestroProcess.RunWithAsync(home.Path, environment, arguments);
}
