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

    private HostsSandbox(LoopbackSshd sshd, TempDirectory builds, TestServer server)
    {
        Sshd = sshd;
        this.builds = builds;
        Server = server;
    }

    public LoopbackSshd Sshd { get; }

    public TestServer Server { get; }

    /// <summary>MAESTRO_SERVER_BUILDS for a daemon: holds <c>&lt;rid&gt;</c> → the server as built.</summary>
    public string BuildsPath => builds.Path;

    /// <summary>Where this version lands on the host.</summary>
    public string InstalledMaestro => Path.Combine(Sshd.RemoteHome, HostProbe.InstallFolder(HostService.Version), "maestro");

    public static async Task<HostsSandbox> StartAsync()
    {
        var sshd = await LoopbackSshd.StartAsync();
        var builds = new TempDirectory("builds");
        Directory.CreateSymbolicLink(builds.Combine(RemotePlatform.Local), ServerFolder);
        var server = new TestServer(o => o with { SshConfigPath = sshd.ClientConfig, ServerBuildsPath = builds.Path });
        return new HostsSandbox(sshd, builds, server);
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
    }
}
