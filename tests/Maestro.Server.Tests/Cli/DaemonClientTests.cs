using Maestro.TestSupport;

namespace Maestro.Server.Tests.Cli;

/// <summary>
/// What the CLI says on stderr about the daemon behind a command: that it starts one, with which environment (names
/// of credential variables, never their values), and with <c>-v</c> which daemon it reached and how long each
/// request took; stdout stays the result either way.
/// </summary>
public sealed class DaemonClientTests : IAsyncLifetime
{
    private const string Secret = "sk-never-printed-7";
    private readonly TempDirectory home = new("daemon-client");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await MaestroProcess.RunAsync(home.Path, "daemon", "stop");
        home.Dispose();
    }

    [Fact]
    public async Task A_command_that_starts_the_daemon_says_so_with_its_environment_and_v_adds_the_connection_and_timings()
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunWithAsync(home.Path, new Dictionary<string, string> { ["OPENAI_API_KEY"] = Secret }, "sessions", "list", "--json");
        Assert.True(exit == 0, stderr);
        Assert.Equal("{\"sessions\":[]}", stdout.Trim());
        Assert.Contains($"maestro: starting the daemon for {home.Path} with this shell's environment (PATH with ", stderr, StringComparison.Ordinal);
        Assert.Contains("credential variables set: OPENAI_API_KEY", stderr, StringComparison.Ordinal);
        Assert.Contains($"logs in {Path.Combine(home.Path, "logs")}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("[verbose]", stderr, StringComparison.Ordinal);

        // Running now: no note, and by default nothing else on stderr either.
        (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "sessions", "list");
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("No sessions (archived ones show with --all).", stderr.Trim());

        // -v: the endpoint reached and every request with its time, on stderr, even with -q; stdout is unchanged.
        (exit, var verboseOut, var verbose) = await MaestroProcess.RunAsync(home.Path, "sessions", "list", "--json", "-v", "-q");
        Assert.Equal(0, exit);
        Assert.Equal("{\"sessions\":[]}", verboseOut.Trim());
        Assert.Matches(@"maestro: \[verbose\] connected to the daemon at .+ in \d+ ms", verbose);
        Assert.Matches(@"maestro: \[verbose\] request sessions/list answered in \d+ ms", verbose);
        Assert.DoesNotContain("starting the daemon", verbose, StringComparison.Ordinal);

        // A refused request is timed too, and -v adds the details of the failure after the one-line message.
        var (_, _, plain) = await MaestroProcess.RunAsync(home.Path, "sessions", "show", "s_nope");
        (exit, _, verbose) = await MaestroProcess.RunAsync(home.Path, "sessions", "show", "s_nope", "-v");
        Assert.Equal(1, exit);
        Assert.Matches(@"maestro: \[verbose\] request sessions/history failed after \d+ ms", verbose);
        Assert.True(verbose.Split('\n').Length > plain.Split('\n').Length, verbose);
        Assert.DoesNotContain("[verbose]", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_leaves_out_the_note_that_the_daemon_starts()
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "sessions", "list", "-q");
        Assert.True(exit == 0, stderr);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(string.Empty, stderr);
        var (statusExit, _, _) = await MaestroProcess.RunAsync(home.Path, "daemon", "status");
        Assert.Equal(0, statusExit);
    }
}
