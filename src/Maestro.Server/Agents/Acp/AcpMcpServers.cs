using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;

namespace Maestro.Server.Agents.Acp;

/// <summary>
/// A session's MCP servers in ACP's <c>mcpServers</c> shape (session/new, session/load): stdio servers always (every
/// ACP agent takes them), http and sse ones only when the agent's <c>mcpCapabilities</c> say it takes them.
/// </summary>
public static class AcpMcpServers
{
    public static JsonArray For(IReadOnlyList<McpServer> servers, JsonElement agentCapabilities)
    {
        var taken = new JsonArray();
        foreach (var server in servers)
        {
            if (server.Transport == McpTransport.Stdio)
            {
                taken.Add(new JsonObject
                {
                    ["name"] = server.Name,
                    ["command"] = server.Command,
                    ["args"] = new JsonArray([.. (server.Args ?? []).Select(a => (JsonNode?)a)]),
                    ["env"] = Pairs(server.Env),
                });
            }
            else if (Takes(agentCapabilities, server.Transport == McpTransport.Http ? "http" : "sse"))
            {
                taken.Add(new JsonObject
                {
                    ["type"] = server.Transport == McpTransport.Http ? "http" : "sse",
                    ["name"] = server.Name,
                    ["url"] = server.Url,
                    ["headers"] = Pairs(server.Headers),
                });
            }
        }

        return taken;
    }

    private static bool Takes(JsonElement capabilities, string transport)
        => capabilities.ValueKind == JsonValueKind.Object
            && capabilities.TryGetProperty("mcpCapabilities", out var mcp) && mcp.ValueKind == JsonValueKind.Object
            && mcp.TryGetProperty(transport, out var flag) && flag.ValueKind == JsonValueKind.True;

    private static JsonArray Pairs(IReadOnlyDictionary<string, string>? values)
        => new([.. (values ?? new Dictionary<string, string>()).Select(kv => (JsonNode?)new JsonObject { ["name"] = kv.Key, ["value"] = kv.Value })]);
}
