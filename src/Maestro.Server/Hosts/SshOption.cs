using System.Text.RegularExpressions;
using Maestro.Server.Errors;

namespace Maestro.Server.Hosts;

/// <summary>
/// One <c>ssh -o</c> option of a host, checked when the host is added. Maestro never lets an option turn host key
/// checking off nor take over the connection it runs; options that run programs on this machine are allowed (a
/// ProxyCommand is a common need) and reported, so the user sees what adding the host means.
/// </summary>
public static partial class SshOption
{
    /// <summary>Options whose value is a program ssh runs here.</summary>
    private static readonly HashSet<string> RunPrograms = new(StringComparer.OrdinalIgnoreCase)
    {
        "ProxyCommand", "LocalCommand", "PermitLocalCommand", "KnownHostsCommand", "PKCS11Provider", "SecurityKeyProvider",
    };

    /// <summary>Options that would change what the connection Maestro opens does, or read settings it cannot see.</summary>
    private static readonly Dictionary<string, string> Refused = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BatchMode"] = "Maestro always runs ssh with BatchMode=yes, so it never waits at a prompt nobody sees",
        ["RemoteCommand"] = "Maestro chooses the command it runs on the host",
        ["RequestTTY"] = "Maestro's connections carry JSON-RPC and tar streams, never a terminal",
        ["SessionType"] = "Maestro chooses the command it runs on the host",
        ["StdinNull"] = "Maestro sends data on ssh's standard input",
        ["ForkAfterAuthentication"] = "Maestro waits for the ssh it starts",
        ["Include"] = "an included file could turn host key checking off unseen; put the settings in your ssh config's Host block instead",
    };

    /// <summary>Checks the option (invalid params when refused) and returns the warning it deserves, if any.</summary>
    public static string? Check(string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var match = Pattern().Match(option.Trim());
        if (!match.Success || option.Any(char.IsControl))
        {
            throw new InvalidParamsException($"The ssh option '{option}' is not of the form Key=Value (as after 'ssh -o', e.g. ProxyJump=bastion).");
        }

        var key = match.Groups["key"].Value;
        var value = match.Groups["value"].Value.Trim();
        if (key.Equals("StrictHostKeyChecking", StringComparison.OrdinalIgnoreCase))
        {
            if (value.Equals("no", StringComparison.OrdinalIgnoreCase) || value.Equals("off", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidParamsException($"'{option}' turns host key checking off, which Maestro never does: anyone between you and the host could read and change everything. Trust the host's key once instead: 'ssh HOST' and answer yes after checking the fingerprint, or add 'ssh-keyscan HOST' output to ~/.ssh/known_hosts after checking it.");
            }

            if (value.Equals("accept-new", StringComparison.OrdinalIgnoreCase))
            {
                return $"'{option}': ssh trusts the host's key unseen the first time it connects (a changed key is still refused).";
            }
        }

        if (Refused.TryGetValue(key, out var reason))
        {
            throw new InvalidParamsException($"The ssh option '{key}' is not accepted for a host: {reason}.");
        }

        return RunPrograms.Contains(key)
            ? $"'{key}' runs a program on this machine each time Maestro connects to the host: {value}"
            : null;
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z0-9]{1,63})(?:\s*=\s*|\s+)(?<value>\S.*)$", RegexOptions.Singleline)]
    private static partial Regex Pattern();
}
