using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents.Markdown;
using Maestro.Server.Sessions.Discovery;
using static Maestro.Server.Agents.JsonLines;

namespace Maestro.Server.Agents.Codex;

/// <summary>Codex's rollouts: <c>$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*-&lt;thread id&gt;.jsonl</c>.</summary>
public sealed class CodexSessionSource : ISessionSource
{
    private readonly AgentHomes homes;

    public CodexSessionSource(AgentHomes homes)
    {
        this.homes = homes;
    }

    public string AgentId => AgentIds.Codex;

    private string Sessions
    {
        get
        {
            var codexHome = homes.Variable(AgentId, "CODEX_HOME");
            return Path.Combine(codexHome.Length > 0 ? codexHome : Path.Combine(homes.Home(AgentId), ".codex"), "sessions");
        }
    }

    public Task<IReadOnlyList<DiscoveredSession>> DiscoverAsync(string? cwd, CancellationToken cancellationToken)
        => Task.Run<IReadOnlyList<DiscoveredSession>>(() => Discover(cwd).ToList(), cancellationToken);

    public Task<ImportedTranscript?> LoadAsync(string agentSessionId, CancellationToken cancellationToken)
        => Task.Run(() => Load(agentSessionId), cancellationToken);

    private IEnumerable<DiscoveredSession> Discover(string? cwd)
    {
        if (!Directory.Exists(Sessions))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(Sessions, "rollout-*.jsonl", SearchOption.AllDirectories))
        {
            var found = Describe(file);
            if (found is not null && (cwd is null || found.Cwd == cwd))
            {
                yield return found;
            }
        }
    }

    private ImportedTranscript? Load(string agentSessionId)
    {
        if (!Directory.Exists(Sessions) || agentSessionId.IndexOfAny(['/', '\\', '.', '*', '?']) >= 0)
        {
            return null;
        }

        var file = Directory.EnumerateFiles(Sessions, $"rollout-*-{agentSessionId}.jsonl", SearchOption.AllDirectories).FirstOrDefault();
        var found = file is null ? null : Describe(file);
        if (file is null || found is null)
        {
            return null;
        }

        var events = new List<SessionEvent>();
        foreach (var line in File.ReadLines(file))
        {
            using var document = TryParse(line);
            if (document is null || Str(document.RootElement, "type") != "response_item" || !TryObject(document.RootElement, "payload", out var item))
            {
                continue;
            }

            switch (Str(item, "type"))
            {
                case "message" when Str(item, "role") == "user" && Text(item) is { } prompt:
                    events.Add(new PromptEvent { TurnId = "imported", Text = prompt });
                    break;
                case "message" when Str(item, "role") == "assistant" && Text(item) is { } text:
                    events.Add(new MessageEvent { Text = text, Html = MarkdownRenderer.ToSafeHtml(text) });
                    break;
                case "function_call" or "custom_tool_call" or "local_shell_call":
                    var name = Str(item, "name") ?? "shell";
                    events.Add(new ToolCallEvent { ToolCallId = Str(item, "call_id") ?? Guid.NewGuid().ToString("N"), Kind = ToolKinds.Of(name), Title = name, Status = ToolCallStatus.Completed });
                    break;
                case "function_call_output" or "custom_tool_call_output":
                    var output = item.TryGetProperty("output", out var o) ? (o.ValueKind == JsonValueKind.String ? o.GetString() : o.GetRawText()) : null;
                    events.Add(new ToolCallUpdateEvent { ToolCallId = Str(item, "call_id") ?? string.Empty, Status = ToolCallStatus.Completed, Output = Truncate(output ?? string.Empty) });
                    break;
            }
        }

        return new ImportedTranscript(found, events);
    }

    private DiscoveredSession? Describe(string file)
    {
        string? id = null;
        string? cwd = null;
        string? title = null;
        foreach (var line in File.ReadLines(file).Take(200))
        {
            using var document = TryParse(line);
            if (document is null || !TryObject(document.RootElement, "payload", out var payload))
            {
                continue;
            }

            switch (Str(document.RootElement, "type"))
            {
                case "session_meta":
                    id = Str(payload, "id");
                    cwd = Str(payload, "cwd");
                    break;
                case "response_item" when title is null && Str(payload, "type") == "message" && Str(payload, "role") == "user":
                    title = Text(payload);
                    break;
            }

            if (id is not null && title is not null)
            {
                break;
            }
        }

        return id is null || cwd is null ? null : new DiscoveredSession
        {
            AgentId = AgentId,
            AgentSessionId = id,
            Cwd = cwd,
            Title = DiscoveredTitle.Of(title ?? "Codex session"),
            UpdatedAt = File.GetLastWriteTimeUtc(file),
        };
    }

    /// <summary>The visible text of a message; the context Codex injects (&lt;environment_context&gt;...) is not.</summary>
    private static string? Text(JsonElement item)
    {
        if (!item.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var text = string.Join('\n', content.EnumerateArray().Select(c => Str(c, "text")).Where(t => t is not null));
        return text.Length == 0 || text.TrimStart().StartsWith('<') ? null : text;
    }
}
