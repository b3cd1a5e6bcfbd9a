using System.Text.Json.Nodes;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;

namespace Maestro.Server.Tests.Agents;

/// <summary>
/// A real ACP agent (claude-agent-acp, which drives Claude Code through its SDK) over stdio against the scripted
/// model server; the whole exchange both ways is saved as a fixture for the ACP adapter.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class RealAcpAgentTests : IAsyncLifetime
{
    /// <summary>
    /// Claude Code's own Write tool: claude-agent-acp 0.23.1 asks session/request_permission first, then writes the
    /// file itself; it does not call fs/write_text_file although the client offers it.
    /// </summary>
    private const string WriteToolName = "Write";

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(90);
    private ScriptedModelServer server = null!;

    public async Task InitializeAsync() => server = await ScriptedModelServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task ClaudeAgentAcp_initializes_opens_a_session_and_writes_a_file_through_the_client()
    {
        using var sandbox = await AgentSandbox.CreateAsync("acp");
        var env = ClaudeCodeCli.Environment(sandbox, server.BaseUrl);
        await using var acp = AcpClient.Start(AgentClis.ClaudeAgentAcp, sandbox.Repo, env);

        var init = await acp.RequestAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = 1,
            ["clientCapabilities"] = new JsonObject { ["fs"] = new JsonObject { ["readTextFile"] = true, ["writeTextFile"] = true } },
        }, Step);
        Assert.Equal(1, init?["protocolVersion"]?.GetValue<int>());

        var session = await acp.RequestAsync("session/new", new JsonObject { ["cwd"] = sandbox.Repo, ["mcpServers"] = new JsonArray() }, Step);
        var sessionId = session?["sessionId"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(sessionId));

        server.EnqueueTurn(
            ScriptStep.ToolCall(WriteToolName, Json(new { file_path = sandbox.RepoFile("hello.txt"), content = "hello from maestro\n" })),
            ScriptStep.Text("Created hello.txt."));
        JsonNode? prompt;
        try
        {
            prompt = await acp.RequestAsync("session/prompt", new JsonObject
            {
                ["sessionId"] = sessionId,
                ["prompt"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Create hello.txt saying hello from maestro" }),
            }, Step);
        }
        finally
        {
            FixtureRecorder.SaveLines("acp-claude", "write-file.jsonl", acp.TranscriptLines);
            FixtureRecorder.SaveRequests("acp-claude", "write-file", server.Requests);
        }

        Assert.Equal("end_turn", prompt?["stopReason"]?.GetValue<string>());
        Assert.True(File.Exists(sandbox.RepoFile("hello.txt")), $"tools offered: {string.Join(", ", server.ScriptedRequests[0].ToolNames)}\n{acp.Stderr}");
        Assert.Equal("hello from maestro\n", await File.ReadAllTextAsync(sandbox.RepoFile("hello.txt")));
        var updates = acp.Notifications.Where(n => n["method"]?.GetValue<string>() == "session/update").Select(n => n["params"]?["update"]?["sessionUpdate"]?.GetValue<string>()).ToList();
        Assert.Contains("tool_call", updates);
        Assert.Contains("agent_message_chunk", updates);
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
