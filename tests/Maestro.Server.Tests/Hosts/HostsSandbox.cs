using Maestro.Server.Hosts;
using Maestro.Server.Tests.Protocol.Exchanges;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Ssh;

namespace Maestro.Server.Tests.Hosts;

/// <summary>
/// A loopback sshd, the real server in process pointed at it (its ssh config through <c>SshConfigPath</c>), and a
/// builds folder whose <c>&lt;rid&gt;/</c> is the server as built, for <c>hosts/install</c> to copy.
/// </summary>
public sealed class HostsSandbox : IAsyncDisposable
{
    private readonly TempDirectory builds;
    private readonly TempDirectory home;

    private HostsSandbox(LoopbackSshd sshd, TempDirectory builds, TempDirectory home)
    {
        Sshd = sshd;
        this.builds = builds;
        this.home = home;
        Server = Start();
    }

    public LoopbackSshd Sshd { get; }

    /// <summary>The local daemon, in process; a new one after <see cref="RestartServerAsync"/>.</summary>
    public TestServer Server { get; private set; }

    /// <summary>MAESTRO_SERVER_BUILDS for a daemon: holds <c>&lt;rid&gt;</c> → the server as built.</summary>
    public string BuildsPath => builds.Path;

    /// <summary>Where this version lands on the host.</summary>
    public string InstalledMaestro => Path.Combine(Sshd.RemoteHome, HostProbe.InstallFolder(HostService.Version), "maestro");

    public static async Task<HostsSandbox> StartAsync()
    {
        var sshd = await LoopbackSshd.StartAsync();
        var builds = new TempDirectory("builds");
        Directory.CreateSymbolicLink(builds.Combine(RemotePlatform.Local), ServerFolder);
        return new HostsSandbox(sshd, builds, new TempDirectory("home"));
    }

    /// <summary>Stops the local daemon and starts another on the same MAESTRO_HOME, as a restart of the daemon does.</summary>
    public async Task RestartServerAsync()
    {
        await Server.DisposeAsync();
        Server = Start();
    }

    /// <summary>
    /// The server as built: MAESTRO_BIN's folder when set (e.g. the trimmed self-contained publish), else the server
    /// project's own output for this configuration (not the tests' folder, which also holds every test assembly).
    /// </summary>
    public static string ServerFolder
    {
        get
        {
            if (Environment.GetEnvironmentVariable("MAESTRO_BIN") is { Length: > 0 } bin)
            {
                return Path.GetDirectoryName(Path.GetFullPath(bin))!;
            }

            var testFolder = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
            var framework = Path.GetFileName(testFolder);
            var configuration = Path.GetFileName(Path.GetDirectoryName(testFolder))!;
            return Path.Combine(RepoRoot.Path, "src", "Maestro.Server", "bin", configuration, framework);
        }
    }

    private TestServer Start() => new(o => o with { SshConfigPath = Sshd.ClientConfig, ServerBuildsPath = builds.Path }, home: home.Path);

    /// <summary>A raw client of the in-process server, initialized.</summary>
    public async Task<ExchangeClient> ConnectAsync()
    {
        var client = new ExchangeClient(Server.ConnectRaw());
        Exchange.AssertNoError(await client.InitializeAsync("hosts"));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sshd.DisposeAsync();
        builds.Dispose();
        home.Dispose();
    }
}
