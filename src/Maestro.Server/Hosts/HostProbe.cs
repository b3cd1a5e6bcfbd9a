using Maestro.Protocol;
using Maestro.Server.Agents;

namespace Maestro.Server.Hosts;

/// <summary>
/// The script <c>hosts/test</c> runs on a host, and what its output says: one tab-separated fact per line, so the
/// parse does not depend on the remote shell's or tools' wording.
/// </summary>
public static class HostProbe
{
    /// <summary>The folder <c>hosts/install</c> fills for a version, relative to the remote home.</summary>
    public static string InstallFolder(string version) => ".maestro/bin/" + version;

    public static string Script(string version)
    {
        var executables = string.Join(' ', KnownAgents.All.Select(a => a.Executable).Distinct(StringComparer.Ordinal));
        return $$"""
            printf 'uname\t%s\n' "$(uname -sm 2>/dev/null)"
            m="$HOME/{{InstallFolder(version)}}/maestro"
            if [ -x "$m" ]; then printf 'installed\t%s\n' "$m"; else m="$(command -v maestro 2>/dev/null || true)"; fi
            if [ -n "$m" ]; then printf 'maestro\t%s\t%s\n' "$m" "$("$m" --version 2>/dev/null | head -n 1)"; fi
            for a in {{executables}}; do p="$(command -v "$a" 2>/dev/null)" && printf 'agent\t%s\t%s\n' "$a" "$p"; done
            exit 0
            """;
    }

    public static HostTestResult Parse(string name, string version, string output, long elapsedMs)
    {
        ArgumentNullException.ThrowIfNull(output);
        string platform = string.Empty;
        string? installed = null;
        HostMaestro? maestro = null;
        var commands = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.TrimEnd('\r').Split('\t');
            switch (fields[0])
            {
                case "uname" when fields.Length >= 2:
                    platform = fields[1].Trim();
                    break;
                case "installed" when fields.Length >= 2:
                    installed = fields[1];
                    break;
                case "maestro" when fields.Length >= 3:
                    var found = Processes.VersionText.Extract(fields[2])?.Split('+')[0];
                    maestro = new HostMaestro
                    {
                        Path = fields[1],
                        Version = found,
                        Installed = fields[1] == installed,
                        SameVersion = found == version,
                    };
                    break;
                case "agent" when fields.Length >= 3:
                    commands[fields[1]] = fields[2];
                    break;
                default:
                    break;
            }
        }

        var rid = RemotePlatform.RidOf(platform);
        var agents = KnownAgents.All
            .Where(a => commands.ContainsKey(a.Executable))
            .Select(a => new HostAgent { Id = a.Id, Path = commands[a.Executable] })
            .ToList();
        string? hint = null;
        if (rid is null)
        {
            hint = $"Maestro has no server build for this platform ('{platform}'): builds exist for Linux and macOS on x64 and arm64.";
        }
        else if (maestro is null)
        {
            hint = $"No maestro on the host: install this version ({version}) there with 'maestro hosts install {name}' (hosts/install).";
        }
        else if (!maestro.SameVersion)
        {
            hint = $"The host's maestro is version {maestro.Version ?? "unknown"}, this one {version}: 'maestro hosts install {name}' puts this version beside it.";
        }

        return new HostTestResult { Name = name, Platform = platform, Rid = rid, Maestro = maestro, Agents = agents, Hint = hint, ElapsedMs = elapsedMs };
    }
}
