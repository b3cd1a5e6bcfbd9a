using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Sessions.Discovery;
using static Maestro.Server.Agents.JsonLines;

namespace Maestro.Server.Agents.ClaudeCode;

/// <summary>Claude Code's transcripts: <c>~/.claude/projects/&lt;cwd slug&gt;/&lt;session id&gt;.jsonl</c>.</summary>
public sealed class ClaudeSessionSource : ISessionSource
{
    private readonly AgentHomes homes;

    public ClaudeSessionSource(AgentHomes homes)
    {
        this.homes = homes;
    }

    public string AgentId => AgentIds.ClaudeCode;

    private string Projects => Path.Combine(homes.Home(AgentId), ".claude", "projects");

    public Task<IReadOnlyList<DiscoveredSession>> DiscoverAsync(string? cwd, CancellationToken cancellationToken)
        => Task.Run<IReadOnlyList<DiscoveredSession>>(() => Discover(cwd).ToList(), cancellationToken);

    public Task<ImportedTranscript?> LoadAsync(string agentSessionId, CancellationToken cancellationToken)
        => Task.Run(() => Load(agentSessionId), cancellationToken);

    private IEnumerable<DiscoveredSession> Discover(string? cwd)
    {
        if (!Directory.Exists(Projects))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(Projects, "*.jsonl", SearchOption.AllDirectories))
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
        if (!Directory.Exists(Projects) || agentSessionId.IndexOfAny(['/', '\\', '.']) >= 0)
        {
            return null;
        }

        var file = Directory.EnumerateFiles(Projects, agentSessionId + ".jsonl", SearchOption.AllDirectories).FirstOrDefault();
        var found = file is null ? null : Describe(file);
        if (file is null || found is null)
        {
            return null;
        }

        var parser = new ClaudeStreamParser(found.Cwd);
        var events = new List<SessionEvent>();
        foreach (var line in File.ReadLines(file))
        {
            using var document = TryParse(line);
            if (document is null || IsSidechain(document.RootElement))
            {
                continue;
            }

            var root = document.RootElement;
            if (Str(root, "type") == "user" && PromptText(root) is { } prompt)
            {
                events.Add(new PromptEvent { TurnId = "imported", Text = prompt });
            }
            else if (Str(root, "type") is "user" or "assistant")
            {
                events.AddRange(parser.Parse(line));
            }
        }

        return new ImportedTranscript(found, events);
    }

    private DiscoveredSession? Describe(string file)
    {
        string? cwd = null;
        string? title = null;
        foreach (var line in File.ReadLines(file).Take(400))
        {
            using var document = TryParse(line);
            if (document is null)
            {
                continue;
            }

            var root = document.RootElement;
            cwd ??= Str(root, "cwd");
            if (title is null && Str(root, "type") == "user" && !IsSidechain(root))
            {
                title = PromptText(root);
            }

            if (cwd is not null && title is not null)
            {
                break;
            }
        }

        return cwd is null ? null : new DiscoveredSession
        {
            AgentId = AgentId,
            AgentSessionId = Path.GetFileNameWithoutExtension(file),
            Cwd = cwd,
            Title = DiscoveredTitle.Of(title ?? "Claude Code session"),
            UpdatedAt = File.GetLastWriteTimeUtc(file),
        };
    }

    private static bool IsSidechain(JsonElement root) => root.TryGetProperty("isSidechain", out var s) && s.ValueKind == JsonValueKind.True;

    /// <summary>The user's own words in a user line: a string, or text blocks (tool results are not prompts).</summary>
    private static string? PromptText(JsonElement root)
    {
        if (!TryObject(root, "message", out var message) || !message.TryGetProperty("content", out var content))
        {
            return null;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        if (content.ValueKind == JsonValueKind.Array && content.EnumerateArray().All(b => Str(b, "type") == "text"))
        {
            var text = string.Join('\n', content.EnumerateArray().Select(b => Str(b, "text")));
            return text.Length == 0 || text.StartsWith('<') ? null : text;
        }

        return null;
    }
}
