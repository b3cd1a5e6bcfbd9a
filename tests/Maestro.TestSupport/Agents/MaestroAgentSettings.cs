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
}
