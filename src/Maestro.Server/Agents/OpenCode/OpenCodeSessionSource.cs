using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents.Settings;
using Maestro.Server.Processes;
using Maestro.Server.Sessions.Discovery;
using static Maestro.Server.Agents.JsonLines;

namespace Maestro.Server.Agents.OpenCode;

/// <summary>
/// OpenCode's sessions, kept in its own SQLite store: read through the CLI itself (<c>opencode session list
/// --format json</c>, <c>opencode export ID</c>), with the agent's environment, so the store's schema is the
/// CLI's business, not ours.
/// </summary>
public sealed class OpenCodeSessionSource : ISessionSource
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly AgentCatalog catalog;
    private readonly SettingsStore settings;
    private readonly ProcessRunner runner;

    public OpenCodeSessionSource(AgentCatalog catalog, SettingsStore settings, ProcessRunner runner)
    {
        this.catalog = catalog;
        this.settings = settings;
        this.runner = runner;
    }

    public string AgentId => AgentIds.OpenCode;

    public async Task<IReadOnlyList<DiscoveredSession>> DiscoverAsync(string? cwd, CancellationToken cancellationToken)
    {
        // OpenCode lists the sessions of the project it is started in (from $PWD), so it runs in the folder asked about.
        var output = await RunAsync(["session", "list", "--format", "json"], cwd, cancellationToken);
        using var document = output is null ? null : TryParseJson(output);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return document.RootElement.EnumerateArray()
            .Select(s => new DiscoveredSession
            {
                AgentId = AgentId,
                AgentSessionId = Str(s, "id") ?? string.Empty,
                Cwd = Str(s, "directory") ?? string.Empty,
                Title = DiscoveredTitle.Of(Str(s, "title") ?? "OpenCode session"),
                UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Long(s, "updated")),
            })
            .Where(s => s.AgentSessionId.Length > 0 && (cwd is null || s.Cwd == cwd))
            .ToList();
    }

    public async Task<ImportedTranscript?> LoadAsync(string agentSessionId, CancellationToken cancellationToken)
    {
        if (!agentSessionId.StartsWith("ses_", StringComparison.Ordinal) || agentSessionId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
        {
            return null;
        }

        var output = await RunAsync(["export", agentSessionId], null, cancellationToken);
        using var document = output is null ? null : TryParseJson(output);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (!TryObject(root, "info", out var info) || Str(info, "directory") is not { } directory)
        {
            return null;
        }

        // The exported parts have the shapes `opencode run --format json` prints: the stream parser reads them.
        var parser = new OpenCodeStreamParser(directory);
        var events = new List<SessionEvent>();
        var title = Str(info, "title");
        foreach (var message in root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array ? messages.EnumerateArray() : [])
        {
            var role = TryObject(message, "info", out var messageInfo) ? Str(messageInfo, "role") : null;
            foreach (var part in message.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array ? parts.EnumerateArray() : [])
            {
                var type = Str(part, "type");
                if (role == "user" && type == "text" && Str(part, "text") is { Length: > 0 } prompt)
                {
                    events.Add(new PromptEvent { TurnId = "imported", Text = prompt.Trim('"') });
                }
                else if (role == "assistant" && type is "text" or "tool" or "reasoning")
                {
                    var line = JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = type == "tool" ? "tool_use" : type!, ["part"] = part });
                    events.AddRange(parser.Parse(line));
                }
            }
        }

        var found = new DiscoveredSession
        {
            AgentId = AgentId,
            AgentSessionId = agentSessionId,
            Cwd = directory,
            Title = DiscoveredTitle.Of(title ?? "OpenCode session"),
            UpdatedAt = TryObject(info, "time", out var time) ? DateTimeOffset.FromUnixTimeMilliseconds(Long(time, "updated")) : DateTimeOffset.UtcNow,
        };
        return new ImportedTranscript(found, events);
    }

    private async Task<string?> RunAsync(IReadOnlyList<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        var definition = catalog.Find(AgentId);
        var executable = definition is null ? null : catalog.Locate(definition);
        if (executable is null)
        {
            return null;
        }

        var folder = workingDirectory is not null && Directory.Exists(workingDirectory) ? workingDirectory : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var environment = new Dictionary<string, string?>(settings.For(AgentId)?.Env ?? new Dictionary<string, string?>(), StringComparer.Ordinal) { ["PWD"] = folder };
        var result = await runner.RunAsync(executable, arguments, Timeout, folder, environment, cancellationToken);
        return result.ExitCode == 0 && !result.TimedOut ? result.StandardOutput : null;
    }

    private static JsonDocument? TryParseJson(string output)
    {
        try
        {
            return string.IsNullOrWhiteSpace(output) ? null : JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
