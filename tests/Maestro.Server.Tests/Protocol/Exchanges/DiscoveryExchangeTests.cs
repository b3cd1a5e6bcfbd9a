using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// Records (or checks, see <see cref="ExchangeStore"/>) sessions/discover and sessions/import: a conversation the
/// real Claude Code CLI left on disk (run against the scripted model server) is what there is to discover.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class DiscoveryExchangeTests : RealClaudeTestBase
{
    protected override string SandboxName => "discover";

    [Fact]
    public async Task Discover_then_import_a_claude_code_conversation()
    {
        Model.EnqueueTurn(ScriptStep.Text("Hello from before Maestro."));
        Assert.Equal(0, (await ClaudeCodeCli.RunAsync(Sandbox, Model.BaseUrl, "An outside question")).ExitCode);

        await using var server = new TestServer(home: Home.Path);
        await using var client = new ExchangeClient(server.ConnectRaw());
        Exchange.AssertNoError(await client.InitializeAsync());
        var found = await client.RecordAsync(Methods.SessionsDiscover, new SessionDiscoverParams { Cwd = Sandbox.Repo });
        var conversation = found["result"]!["found"]!.AsArray().Single(f => (string?)f!["agentId"] == "claude-code")!;
        var imported = await client.RecordAsync(Methods.SessionsImport, new SessionImportParams { AgentId = "claude-code", AgentSessionId = (string)conversation["agentSessionId"]! });
        Assert.Equal((string?)conversation["agentSessionId"], (string?)imported["result"]!["agentSessionId"]);
    }
}
