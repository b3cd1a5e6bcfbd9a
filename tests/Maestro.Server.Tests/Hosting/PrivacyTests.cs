using System.Security.Cryptography;
using System.Text;
using Maestro.Server.Hosting;
using Maestro.TestSupport;
using Xunit.Abstractions;

namespace Maestro.Server.Tests.Hosting;

/// <summary>
/// Another user on the machine can neither read Maestro's state nor reach its daemon (issue 13, M5 and M6): the
/// home is made 0700 at every start and its files 0600; a socket that does not fit in the home goes to a private
/// folder, never under a guessable name in shared /tmp; and a client never talks to a socket someone else owns.
/// The other user is nobody, through setpriv.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivacyTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly ITestOutputHelper output;

    public PrivacyTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public async Task An_existing_home_is_made_private_at_start_and_its_files_are_0600()
    {
        using var root = new TempDirectory("home-perms");
        var home = root.Combine("home");
        Directory.CreateDirectory(Path.Combine(home, "logs"));
        File.SetUnixFileMode(home, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Path.Combine(home, "logs"), File.GetUnixFileMode(home));
        await File.WriteAllTextAsync(Path.Combine(home, "settings.json"), "{\"agents\":{}}");
        await File.WriteAllTextAsync(Path.Combine(home, "logs", "old.log"), "an old log\n");
        File.SetUnixFileMode(Path.Combine(home, "settings.json"), PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(Path.Combine(home, "logs", "old.log"), PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            var (exit, _, stderr) = await MaestroProcess.RunAsync(home, "sessions", "list"); // starts the daemon, which opens the database
            Assert.True(exit == 0, stderr);
            var db = Path.Combine(home, "maestro.db");
            await Wait.UntilAsync(() => File.Exists(db + "-wal") && File.Exists(db + "-shm"), TimeSpan.FromSeconds(30), "the database to be open in WAL mode");

            Assert.Equal(Private, File.GetUnixFileMode(home));
            Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(home, "logs")));
            foreach (var file in new[] { db, db + "-wal", db + "-shm", Path.Combine(home, "settings.json") }.Concat(Directory.EnumerateFiles(Path.Combine(home, "logs"))))
            {
                Assert.True(File.GetUnixFileMode(file) == PrivateFile, $"{file} is {File.GetUnixFileMode(file)}");
            }

            if (OtherUser.Unavailable is { } why)
            {
                output.WriteLine("The other-user part is skipped: " + why);
                return;
            }

            var read = await OtherUser.RunAsync("/bin/cat", db);
            Assert.NotEqual(0, read.ExitCode);
            Assert.Contains("Permission denied", read.Stderr, StringComparison.Ordinal);

            // Nor can they reach the daemon through the socket in this (formerly open) home.
            var socket = new MaestroPaths(home).SocketPath;
            Assert.True(File.Exists(socket), $"the daemon's socket is not at {socket}");
            var connect = await OtherUser.RunAsync("/usr/bin/python3", "-c", "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])", socket);
            Assert.NotEqual(0, connect.ExitCode);
            Assert.Contains("Permission denied", connect.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await MaestroProcess.RunAsync(home, "daemon", "--stop");
        }
    }

    [Fact]
    public async Task A_home_owned_by_someone_else_is_warned_about()
    {
        if (OtherUser.Unavailable is { } why)
        {
            output.WriteLine("Skipped: " + why);
            return;
        }

        using var root = new TempDirectory("home-owner");
        var home = root.Combine("home");
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(root.Path, Private | UnixFileMode.OtherExecute);
        await OtherUser.RunAsync("/bin/true"); // setpriv works
        var chown = System.Diagnostics.Process.Start("/bin/chown", ["65534:65534", home])!;
        await chown.WaitForExitAsync();

        await using var daemon = MaestroProcess.Start(home, "daemon");
        try
        {
            await Wait.UntilAsync(() => daemon.Stderr.Contains("serving", StringComparison.Ordinal) || daemon.Process.HasExited, TimeSpan.FromSeconds(30), "the daemon to start");
            Assert.Contains($"{home} is not owned by you", daemon.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await MaestroProcess.RunAsync(home, "daemon", "--stop");
        }
    }

    [Fact]
    public async Task A_long_home_puts_the_socket_in_a_private_folder_that_another_user_cannot_enter()
    {
        using var root = new TempDirectory("long-home");
        var home = LongHome(root);
        var environment = new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = string.Empty };
        await using var daemon = MaestroProcess.Start(home, environment, "daemon");
        try
        {
            using var rpc = await DaemonRpc.ConnectAsync(home); // this test process has no XDG_RUNTIME_DIR either
            var socket = new MaestroPaths(home).SocketPath;
            var folder = Path.GetDirectoryName(socket)!;

            Assert.NotEqual(Path.GetTempPath().TrimEnd('/'), folder);
            Assert.StartsWith("/tmp/maestro-", folder, StringComparison.Ordinal);
            Assert.Equal(Private, File.GetUnixFileMode(folder));
            Assert.Equal(PrivateFile, File.GetUnixFileMode(socket));

            if (OtherUser.Unavailable is { } why)
            {
                output.WriteLine("The other-user part is skipped: " + why);
                return;
            }

            var connect = await OtherUser.RunAsync("/usr/bin/python3", "-c", "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])", socket);
            Assert.NotEqual(0, connect.ExitCode);
            Assert.Contains("Permission denied", connect.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await MaestroProcess.RunAsync(home, "daemon", "--stop");
        }
    }

    [Fact]
    public async Task A_client_never_talks_to_a_socket_another_user_squatted_and_the_daemon_still_starts()
    {
        if (OtherUser.Unavailable is { } why)
        {
            output.WriteLine("Skipped: " + why);
            return;
        }

        using var root = new TempDirectory("squat");
        var home = LongHome(root);
        var runtime = root.Combine("run");
        Directory.CreateDirectory(runtime);
        File.SetUnixFileMode(runtime, Private | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute); // as a careless shared folder would be
        File.SetUnixFileMode(root.Path, Private | UnixFileMode.OtherExecute);
        var environment = new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = runtime };
        var socket = Path.Combine(runtime, "maestro-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(home)))[..16] + ".sock");

        // nobody listens where the daemon's socket goes and records whoever connects.
        using var squatter = OtherUser.Start("/usr/bin/python3", "-u", "-c", """
            import os, socket, sys
            s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); os.chmod(sys.argv[1], 0o777); s.listen(8)
            print("listening")
            while True:
                c, _ = s.accept(); print("connected")
            """, socket);
        try
        {
            Assert.Equal("listening", await squatter.StandardOutput.ReadLineAsync());

            await using (var status = MaestroProcess.Start(home, environment, "daemon", "--status"))
            {
                var exit = await status.WaitForExitAsync(TimeSpan.FromSeconds(30));
                Assert.NotEqual(0, exit);
                Assert.Contains("is not private to you", status.Stderr, StringComparison.Ordinal);
            }

            // The daemon itself is not kept from starting: the folder is ours, it is made private and the file replaced.
            await using var daemon = MaestroProcess.Start(home, environment, "daemon");
            await Wait.UntilAsync(() => daemon.Stderr.Contains("serving", StringComparison.Ordinal) || daemon.Process.HasExited, TimeSpan.FromSeconds(30), "the daemon to start");
            Assert.False(daemon.Process.HasExited, daemon.Stderr);
            await using (var status = MaestroProcess.Start(home, environment, "daemon", "--status"))
            {
                Assert.Equal(0, await status.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            }

            Assert.Equal(Private, File.GetUnixFileMode(runtime));
        }
        finally
        {
            squatter.Kill();
            await squatter.WaitForExitAsync();
            Assert.DoesNotContain("connected", await squatter.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
            await using var stop = MaestroProcess.Start(home, environment, "daemon", "--stop");
            await stop.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>A MAESTRO_HOME whose socket would not fit in sun_path.</summary>
    private static string LongHome(TempDirectory root)
    {
        var home = root.Combine(new string('h', 60), new string('o', 40));
        Directory.CreateDirectory(home);
        return home;
    }
}
