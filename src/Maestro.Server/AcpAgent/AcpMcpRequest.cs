using System.Text.Json;
using Maestro.Protocol;


namespace Maestro.Server.AcpAgent;

/// <summary>
/// The editor's <c>mcpServers</c> (session/new, session/load) as Maestro's <see cref="McpServer"/>s, and which backends
/// take them: Claude Code (<c>--mcp-config</c>) and ACP agents (their own session/new); the other native CLIs have no
/// per-run way to be given one.
/// </summary>
public static class AcpMcpRequest
{
    public static bool TakenBy(string agentId) => agentId == AgentIds.ClaudeCode || agentId.StartsWith(AgentIds.AcpPrefix, StringComparison.Ordinal);

    /// <summary>Whether a backend takes http and sse servers too (Claude Code does; an ACP agent's own capabilities decide, per session).</summary>
    public static bool TakesRemote(string agentId) => agentId == AgentIds.ClaudeCode;

    public static IReadOnlyList<McpServer> Parse(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("mcpServers", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).Select(s => new McpServer
        {
            Name = Str(s, "name") ?? string.Empty,
            Transport = Str(s, "type") switch
            {
                "http" => McpTransport.Http,
                "sse" => McpTransport.Sse,
                _ => McpTransport.Stdio,
            },
            Command = Str(s, "command"),
            Args = s.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array ? [.. args.EnumerateArray().Select(a => a.GetString() ?? string.Empty)] : null,
            Env = Pairs(s, "env"),
            Url = Str(s, "url"),
            Headers = Pairs(s, "headers"),
        })];
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Dictionary<string, string>? Pairs(JsonElement e, string name)
        => e.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(p => Str(p, "name") is not null).ToDictionary(p => Str(p, "name")!, p => Str(p, "value") ?? string.Empty, StringComparer.Ordinal)
            : null;
}
