using System.Text.Json;

namespace Maestro.TestSupport.Agents;

/// <summary>Writes $MAESTRO_HOME/settings.json so the server runs an agent CLI from tools/agents with a sandbox environment.</summary>
public static class MaestroAgentSettings
{
    public static async Task WriteAsync(string maestroHome, string agentId, string path, IReadOnlyDictionary<string, string> environment)
    {
        var settings = new Dictionary<string, object>
        {
            ["agents"] = new Dictionary<string, object>
            {
                [agentId] = new Dictionary<string, object> { ["path"] = path, ["env"] = environment },
            },
        };
        await File.WriteAllTextAsync(Path.Combine(maestroHome, "settings.json"), JsonSerializer.Serialize(settings));
    }

    /// <summary>Several agents in one settings.json (a session that switches between them).</summary>
    public static async Task WriteAsync(string maestroHome, IReadOnlyDictionary<string, (string Path, IReadOnlyDictionary<string, string> Environment)> agents)
    {
        var settings = new Dictionary<string, object>
        {
            ["agents"] = agents.ToDictionary(a => a.Key, a => (object)new Dictionary<string, object> { ["path"] = a.Value.Path, ["env"] = a.Value.Environment }),
        };
        await File.WriteAllTextAsync(Path.Combine(maestroHome, "settings.json"), JsonSerializer.Serialize(settings));
    }

    /// <summary>Sets <c>costLimits</c> in the home's settings.json (the server reads the file again when it changes); null removes them.</summary>
    public static async Task SetCostLimitsAsync(string maestroHome, System.Text.Json.Nodes.JsonObject? costLimits)
    {
        var path = Path.Combine(maestroHome, "settings.json");
        var settings = File.Exists(path) ? System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject() : [];
        settings.Remove("costLimits");
        if (costLimits is not null)
        {
            settings["costLimits"] = costLimits;
        }

        await File.WriteAllTextAsync(path, settings.ToJsonString());

        // The server sees a change by the file's time: make sure it moves even within the clock's resolution.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(1));
    }

    /// <summary>Sets one agent's <c>resilience</c> entry in the home's settings.json (docs/resilience.md); null removes it.</summary>
    public static async Task SetResilienceAsync(string maestroHome, string agentId, System.Text.Json.Nodes.JsonObject? resilience)
    {
        var path = Path.Combine(maestroHome, "settings.json");
        var settings = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var agent = settings["agents"]![agentId]!.AsObject();
        agent.Remove("resilience");
        if (resilience is not null)
        {
            agent["resilience"] = resilience;
        }

        await File.WriteAllTextAsync(path, settings.ToJsonString());
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(1));
    }
}
