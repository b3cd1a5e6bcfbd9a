using Maestro.Protocol;

namespace Maestro.Server.Cli;

/// <summary>
/// What <c>maestro doctor</c> warns about: nothing that stops Maestro itself, everything that would make the first
/// session fail (no agent at all; a daemon started from another shell that lacks an agent or a key this shell has).
/// </summary>
internal static class DoctorWarnings
{
    public static IReadOnlyList<string> Find(
        IReadOnlyList<AgentInfo> agents,
        DaemonStatusResult? daemon,
        IReadOnlyList<AgentInfo>? daemonAgents,
        IReadOnlyList<string> shellCredentials)
    {
        var warnings = new List<string>();
        var here = agents.Where(a => a.Available).Select(a => a.Id).ToList();
        var there = daemonAgents?.Where(a => a.Available).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        if (here.Count == 0 && (there is null || there.Count == 0))
        {
            warnings.Add("no agent CLI is installed, so no session can start: install one (see the Agents lines above), e.g. 'npm install -g @anthropic-ai/claude-code'.");
        }

        if (daemon is null || there is null)
        {
            return warnings;
        }

        var missingThere = here.Where(id => !there.Contains(id)).ToList();
        if (missingThere.Count > 0)
        {
            warnings.Add($"the running daemon does not find {string.Join(", ", missingThere)} (its PATH is the one of the shell that started it): run 'maestro daemon restart' from this shell.");
        }

        if (KeysMissingIn(daemon, shellCredentials) is { } keys)
        {
            warnings.Add(keys);
        }

        return warnings;
    }

    /// <summary>The warning for credential variables set in this shell but not in the running daemon; null when it has them all.</summary>
    public static string? KeysMissingIn(DaemonStatusResult daemon, IReadOnlyList<string> shellCredentials)
    {
        var daemonCredentials = daemon.CredentialVariables ?? [];
        var missing = shellCredentials.Where(name => !daemonCredentials.Contains(name, StringComparer.Ordinal)).ToList();
        return missing.Count == 0 ? null
            : $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} set in this shell but not in the running daemon, so its agents do not see {(missing.Count == 1 ? "it" : "them")}: run 'maestro daemon restart' from this shell.";
    }
}
