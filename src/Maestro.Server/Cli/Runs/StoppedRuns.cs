using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Maestro.Server.Hosting;
using Maestro.Server.Playbooks.Runs;

namespace Maestro.Server.Cli.Runs;

/// <summary>
/// The run a Ctrl-C stopped, per playbook, in <c>$MAESTRO_HOME/runs/stopped/</c>: the next <c>maestro run</c> of that
/// playbook (with the same agent, or none named) goes on with it, its budget and cost counted on, instead of starting
/// over. Only this terminal's own Ctrl-C is remembered: a run stopped from an editor or <c>maestro runs stop</c> was
/// meant to end, and the next command starts a new one.
/// </summary>
internal static class StoppedRuns
{
    public static void Remember(MaestroPaths paths, string playbook, string runId, string agentId)
    {
        var file = FileOf(paths, playbook);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, JsonSerializer.Serialize(new Dictionary<string, string> { ["runId"] = runId, ["agentId"] = agentId, ["playbook"] = RunService.RequestedPath(playbook) }));
    }

    /// <summary>The remembered run of <paramref name="playbook"/>, forgotten as it is taken; null when there is none or another agent is asked for.</summary>
    public static string? Take(MaestroPaths paths, string playbook, string? agentId)
    {
        var file = FileOf(paths, playbook);
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            var memo = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file));
            if (memo is null || !memo.TryGetValue("runId", out var runId) || (!string.IsNullOrEmpty(agentId) && memo.GetValueOrDefault("agentId") != agentId))
            {
                return null;
            }

            File.Delete(file);
            return runId;
        }
        catch (JsonException)
        {
            File.Delete(file); // a torn write: nothing to go on with
            return null;
        }
    }

    private static string FileOf(MaestroPaths paths, string playbook)
        => Path.Combine(paths.Home, "runs", "stopped", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RunService.RequestedPath(playbook))))[..24] + ".json");
}
