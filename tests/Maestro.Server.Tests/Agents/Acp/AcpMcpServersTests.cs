using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;
using Maestro.Server.Agents.ClaudeCode;

namespace Maestro.Server.Tests.Agents.Acp;

/// <summary>A session's MCP servers as the backends take them: ACP's mcpServers and Claude Code's --mcp-config.</summary>
public sealed class AcpMcpServersTests
{
    private static readonly McpServer[] Servers =
    [
        new() { Name = "files", Command = "/usr/bin/files-mcp", Args = ["--root", "/repo"], Env = new Dictionary<string, string> { ["TOKEN"] = "t" } },
        new() { Name = "docs", Transport = McpTransport.Http, Url = "https://mcp.example/docs", Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer x" } },
        new() { Name = "events", Transport = McpTransport.Sse, Url = "https://mcp.example/sse" },
    ];

    private static JsonElement Capabilities(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void An_ACP_backend_gets_stdio_servers_always_and_remote_ones_only_when_its_capabilities_say_so()
    {
        var none = AcpMcpServers.For(Servers, Capabilities("""{"loadSession": true}"""));
        var stdio = Assert.Single(none)!;
        Assert.Equal("""{"name":"files","command":"/usr/bin/files-mcp","args":["--root","/repo"],"env":[{"name":"TOKEN","value":"t"}]}""", stdio.ToJsonString());

        var http = AcpMcpServers.For(Servers, Capabilities("""{"mcpCapabilities": {"http": true, "sse": false}}"""));
        Assert.Equal(["files", "docs"], http.Select(s => (string?)s!["name"]));
        Assert.Equal("""{"type":"http","name":"docs","url":"https://mcp.example/docs","headers":[{"name":"Authorization","value":"Bearer x"}]}""", http[1]!.ToJsonString());
        Assert.Equal(3, AcpMcpServers.For(Servers, Capabilities("""{"mcpCapabilities": {"http": true, "sse": true}}""")).Count);
    }

    [Fact]
    public void Claude_Code_gets_every_server_as_mcp_config_json_before_the_prompt()
    {
        var config = JsonNode.Parse(ClaudeCodeArguments.McpConfig(Servers))!["mcpServers"]!;
        Assert.Equal(("stdio", "/usr/bin/files-mcp", "t"), ((string?)config["files"]!["type"], (string?)config["files"]!["command"], (string?)config["files"]!["env"]!["TOKEN"]));
        Assert.Equal(("http", "Bearer x"), ((string?)config["docs"]!["type"], (string?)config["docs"]!["headers"]!["Authorization"]));
        Assert.Equal("sse", (string?)config["events"]!["type"]);

        var args = ClaudeCodeArguments.For(new() { TurnId = "t", SessionId = "s", Prompt = "hi", WorkingDirectory = "/repo", McpServers = Servers });
        var at = args.ToList().IndexOf("--mcp-config");
        Assert.True(at >= 0 && at < args.ToList().IndexOf("--"), string.Join(' ', args));
        Assert.DoesNotContain("--mcp-config", ClaudeCodeArguments.For(new() { TurnId = "t", SessionId = "s", Prompt = "hi", WorkingDirectory = "/repo" }));
    }
}
