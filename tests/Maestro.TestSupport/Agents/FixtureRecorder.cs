using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.TestSupport.ModelServer;

namespace Maestro.TestSupport.Agents;

/// <summary>
/// Saves what a real CLI printed and what it sent to the model as fixtures under tests/fixtures/agents/&lt;agent&gt;/,
/// for adapter tests that run without the CLIs. Only when MAESTRO_RECORD_AGENT_FIXTURES=1, so ordinary test runs
/// leave the checkout clean (every run has new ids and timestamps).
/// </summary>
public static class FixtureRecorder
{
    private const int MaxRequestChars = 200_000;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static bool Enabled => Environment.GetEnvironmentVariable("MAESTRO_RECORD_AGENT_FIXTURES") == "1";

    public static string AgentFolder(string agent) => Path.Combine(RepoRoot.Path, "tests", "fixtures", "agents", agent);

    public static void Save(string agent, string scenario, CliResult result, IEnumerable<RecordedRequest>? requests = null)
    {
        if (!Enabled)
        {
            return;
        }

        var folder = AgentFolder(agent);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, scenario + ".jsonl"), string.Concat(result.StdoutLines.Select(l => l + "\n")));
        if (result.Stderr.Length > 0)
        {
            File.WriteAllText(Path.Combine(folder, scenario + ".stderr.txt"), result.Stderr);
        }

        SaveRequests(agent, scenario, requests ?? []);
    }

    public static void SaveLines(string agent, string name, IEnumerable<string> lines)
    {
        if (!Enabled)
        {
            return;
        }

        var folder = AgentFolder(agent);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), string.Concat(lines.Select(l => l + "\n")));
    }

    public static void SaveRequests(string agent, string scenario, IEnumerable<RecordedRequest> requests)
    {
        if (!Enabled)
        {
            return;
        }

        var folder = Path.Combine(AgentFolder(agent), "requests");
        Directory.CreateDirectory(folder);
        foreach (var request in requests)
        {
            var name = $"{scenario}-{request.Index:D2}-{request.Api}-{request.ServedAs}.json".ToLowerInvariant();
            File.WriteAllText(Path.Combine(folder, name), Describe(request));
        }
    }

    /// <summary>The request as one JSON document: method, path, headers and the body as JSON (trimmed when huge).</summary>
    private static string Describe(RecordedRequest request)
    {
        JsonNode? body = request.Json?.DeepClone();
        if (body is null || body.ToJsonString().Length > MaxRequestChars)
        {
            var raw = body?.ToJsonString() ?? request.Body;
            body = JsonValue.Create(raw.Length > MaxRequestChars ? raw[..MaxRequestChars] + "... (trimmed)" : raw);
        }

        var document = new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = request.PathAndQuery,
            ["servedAs"] = request.ServedAs.ToString(),
            ["headers"] = new JsonObject(request.Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))),
            ["body"] = body,
        };
        return document.ToJsonString(Indented) + "\n";
    }
}
