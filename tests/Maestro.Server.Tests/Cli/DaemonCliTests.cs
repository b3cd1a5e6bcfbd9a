using Maestro.TestSupport;

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

    private static int Pid(string text) => int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"pid (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file);
        return await reader.ReadToEndAsync();
    }
}
