using System.Text.Json;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Cli;

/// <summary>
/// <c>maestro daemon start|status|logs|restart|stop</c> against real daemon processes: the start says with which
/// environment (credential variable names, never their values), restart gives a new daemon, logs prints its log.
/// </summary>
public sealed class DaemonCliTests : IDisposable
{
    private const string Secret = "sk-test-never-printed-42";
    private readonly TempDirectory home = new("daemon-cli");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task Start_status_logs_restart_and_stop_manage_one_daemon_and_never_print_a_secret()
    {
        var environment = new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = Secret };
        try
        {
            var (exit, stdout, stderr) = await MaestroProcess.RunWithAsync(home.Path, environment, "daemon", "start");
            Assert.True(exit == 0, stderr);
            Assert.Matches(@"Daemon started \(pid \d+\)", stdout);
            Assert.Contains("credential variables set: ANTHROPIC_API_KEY", stderr, StringComparison.Ordinal);
            var first = Pid(stdout);

            (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "start");
            Assert.Equal(0, exit);
            Assert.Contains($"already runs for {home.Path} (pid {first})", stdout, StringComparison.Ordinal);

            (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "status", "--json");
            Assert.Equal(0, exit);
            Assert.Contains($"\"pid\":{first}", stdout, StringComparison.Ordinal);

            (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "daemon", "logs", "-n", "200");
            Assert.Equal(0, exit);
            Assert.Contains("daemon-", stderr, StringComparison.Ordinal);
            Assert.NotEmpty(stdout.Trim());

            (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "daemon", "restart");
            Assert.True(exit == 0, stderr);
            Assert.Contains($"Daemon {first} stopped.", stdout, StringComparison.Ordinal);
            var second = Pid(stdout[stdout.IndexOf("Daemon started", StringComparison.Ordinal)..]);
            Assert.NotEqual(first, second);
            Assert.Contains("credential variables set: none", stderr, StringComparison.Ordinal);

            (exit, stdout, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "stop");
            Assert.Equal(0, exit);
            Assert.Contains($"Daemon {second} stopped.", stdout, StringComparison.Ordinal);
            (exit, _, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "status");
            Assert.Equal(3, exit);

            // Names only: the key's value is in no output and no log.
            foreach (var log in Directory.EnumerateFiles(Path.Combine(home.Path, "logs")))
            {
                Assert.DoesNotContain(Secret, await ReadSharedAsync(log), StringComparison.Ordinal);
            }
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "stop");
        }
    }

    [Fact]
    public async Task Logs_without_a_daemon_log_says_where_it_looked()
    {
        var (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "daemon", "logs");
        Assert.Equal(1, exit);
        Assert.Contains("no daemon log in", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_asks_the_running_daemon_what_it_sees_and_warns_when_it_lacks_this_shells_agent_or_key()
    {
        // This shell has Claude Code on PATH and a key; the daemon was started from a shell with neither.
        var shell = new Dictionary<string, string>
        {
            ["ANTHROPIC_API_KEY"] = Secret,
            ["PATH"] = Path.GetDirectoryName(AgentClis.Claude) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        };
        try
        {
            var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "doctor");
            Assert.True(exit == 0, stderr);
            Assert.Contains("Warning: no agent CLI is installed", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("Everything Maestro needs is here", stdout, StringComparison.Ordinal);

            (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "daemon", "start");
            Assert.True(exit == 0, stderr);

            (exit, stdout, stderr) = await MaestroProcess.RunWithAsync(home.Path, shell, "doctor", "--json");
            Assert.True(exit == 0, stderr);
            using (var report = JsonDocument.Parse(stdout))
            {
                var root = report.RootElement;
                Assert.True(root.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "claude-code").GetProperty("available").GetBoolean());
                Assert.False(root.GetProperty("daemonAgents").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "claude-code").GetProperty("available").GetBoolean());
                Assert.Empty(root.GetProperty("daemon").GetProperty("credentialVariables").EnumerateArray());
                Assert.NotEmpty(root.GetProperty("daemon").GetProperty("pathFolders").EnumerateArray());
                var warnings = root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
                Assert.Contains(warnings, w => w.Contains("does not find claude-code", StringComparison.Ordinal) && w.Contains("maestro daemon restart", StringComparison.Ordinal));
                Assert.Contains(warnings, w => w.StartsWith("ANTHROPIC_API_KEY is set in this shell but not in the running daemon", StringComparison.Ordinal));
            }

            (exit, stdout, _) = await MaestroProcess.RunWithAsync(home.Path, shell, "doctor");
            Assert.Equal(0, exit);
            Assert.Contains("The daemon sees: PATH with", stdout, StringComparison.Ordinal);
            Assert.Contains("credential variables set: none", stdout, StringComparison.Ordinal);
            Assert.Contains("Maestro can start, but see the 2 warnings above.", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, stdout, StringComparison.Ordinal);

            // Restarted from this shell, the daemon sees the same: no warning left.
            (exit, _, stderr) = await MaestroProcess.RunWithAsync(home.Path, shell, "daemon", "restart");
            Assert.True(exit == 0, stderr);
            (exit, stdout, _) = await MaestroProcess.RunWithAsync(home.Path, shell, "doctor");
            Assert.Equal(0, exit);
            Assert.Contains("credential variables set: ANTHROPIC_API_KEY", stdout, StringComparison.Ordinal);
            Assert.Contains("Everything Maestro needs is here.", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("Warning:", stdout, StringComparison.Ordinal);
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "stop");
        }
    }

    private static int Pid(string text) => int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"pid (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file);
        return await reader.ReadToEndAsync();
    }
}
