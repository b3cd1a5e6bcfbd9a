using System.Text.Json;
using Maestro.Server.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// What the recording tests run against: a MAESTRO_HOME whose claude-code is the Claude Code STAND-IN script
/// (every other known agent configured at a path that does not exist, so agents/list answers the same on every
/// machine), a real git repository, and the real server in process.
/// </summary>
public sealed class ExchangeSandbox : IAsyncDisposable
{
    private readonly TempDirectory home;

    private ExchangeSandbox(TempDirectory home, TestRepository repository, TestServer server)
    {
        this.home = home;
        Repository = repository;
        Server = server;
    }

    public TestRepository Repository { get; }

    public TestServer Server { get; }

    public string Repo => Repository.Root;

    public string Home => Server.Home;

    public static ExchangeSandbox Create(IReadOnlyDictionary<string, string>? files = null)
    {
        var repository = TestRepository.Create(files ?? new Dictionary<string, string> { ["README.md"] = "# repo\n" });
        var home = new TempDirectory("home");
        var standIn = ClaudeStandIn.Create(home.Path);
        var agents = KnownAgents.All.ToDictionary(a => a.Id, a => (object)new Dictionary<string, object> { ["path"] = "/nonexistent/" + a.Id.Replace(':', '-') });
        agents["claude-code"] = new Dictionary<string, object>
        {
            ["path"] = standIn,
            ["env"] = new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = home.Path },
        };
        File.WriteAllText(Path.Combine(home.Path, "settings.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["agents"] = agents }));
        return new ExchangeSandbox(home, repository, new TestServer(home: home.Path));
    }

    public async Task<ExchangeClient> ConnectAsync(string name = "exchanges", Maestro.Protocol.ClientCapabilities? capabilities = null)
    {
        var client = new ExchangeClient(Server.ConnectRaw());
        var answer = await client.InitializeAsync(name, capabilities);
        Assert.NotNull(answer["result"]);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Repository.Dispose();
        home.Dispose();
    }
}
