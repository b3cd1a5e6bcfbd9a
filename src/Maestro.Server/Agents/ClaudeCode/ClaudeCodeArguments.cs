using Maestro.Protocol;
using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.ClaudeCode;

/// <summary>
/// The command line of one headless Claude Code turn. The prompt comes last, after <c>--</c>, and the system prompt
/// as <c>--append-system-prompt=TEXT</c>: a prompt starting with <c>-</c> (a markdown bullet, <c>--version</c>) would
/// otherwise be read as an option.
/// </summary>
public static class ClaudeCodeArguments
{
    /// <summary>
    /// The model aliases <c>claude --model</c> documents, which follow the newest model of each family, so the list
    /// does not go stale as full model names do.
    /// </summary>
    public static IReadOnlyList<string> ModelAliases { get; } = ["sonnet", "opus", "haiku"];

    /// <summary>The standard context window of the Claude models (200K tokens; the 1M beta is opt-in, set it in settings.json).</summary>
    public const long ContextWindow = 200_000;

    public static IReadOnlyList<string> For(AgentTurn turn)
    {
        var args = new List<string> { "-p", "--output-format", "stream-json", "--verbose", "--include-partial-messages" };
        if (turn.AgentSessionId is not null)
        {
            args.AddRange(["--resume", turn.AgentSessionId]);
        }

        switch (turn.PermissionMode)
        {
            case PermissionMode.Bypass:
                args.Add("--dangerously-skip-permissions");
                break;
            case PermissionMode.AcceptEdits:
                args.AddRange(["--permission-mode", "acceptEdits"]);
                break;
            default:
                args.AddRange(["--permission-mode", "default"]);
                break;
        }

        if (turn.Model is not null)
        {
            args.AddRange(["--model", turn.Model]);
        }

        if (turn.SystemPrompt is not null)
        {
            args.Add("--append-system-prompt=" + turn.SystemPrompt);
        }

        if (turn.McpServers.Count > 0)
        {
            // Inline JSON, not a file: nothing is left on disk with the servers' credentials (Maestro logs no command lines).
            args.AddRange(["--mcp-config", McpConfig(turn.McpServers)]);
        }

        args.AddRange(["--", turn.Prompt]);
        return args;
    }

    /// <summary>Claude Code's <c>--mcp-config</c> JSON: <c>{"mcpServers": {NAME: {command, args, env} | {type, url, headers}}}</c>.</summary>
    public static string McpConfig(IReadOnlyList<McpServer> servers)
    {
        var config = new System.Text.Json.Nodes.JsonObject();
        foreach (var server in servers)
        {
            config[server.Name] = server.Transport == McpTransport.Stdio
                ? new System.Text.Json.Nodes.JsonObject
                {
                    ["type"] = "stdio",
                    ["command"] = server.Command,
                    ["args"] = new System.Text.Json.Nodes.JsonArray([.. (server.Args ?? []).Select(a => (System.Text.Json.Nodes.JsonNode?)a)]),
                    ["env"] = Map(server.Env),
                }
                : new System.Text.Json.Nodes.JsonObject
                {
                    ["type"] = server.Transport == McpTransport.Http ? "http" : "sse",
                    ["url"] = server.Url,
                    ["headers"] = Map(server.Headers),
                };
        }

        return new System.Text.Json.Nodes.JsonObject { ["mcpServers"] = config }.ToJsonString();
    }

    private static System.Text.Json.Nodes.JsonObject Map(IReadOnlyDictionary<string, string>? values)
    {
        var map = new System.Text.Json.Nodes.JsonObject();
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            map[key] = value;
        }

        return map;
    }
}
