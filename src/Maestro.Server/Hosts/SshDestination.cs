using System.Globalization;
using System.Text.RegularExpressions;
using Maestro.Server.Errors;

namespace Maestro.Server.Hosts;

/// <summary>
/// Where ssh connects: a Host of the ssh config or <c>[user@]host[:port]</c>. Only letters, digits, '.', '_' and '-'
/// make up a user and a host name, so a destination can never be read as an option by ssh nor expand into a shell
/// command through a <c>ProxyCommand</c>'s <c>%h</c>/<c>%r</c>.
/// </summary>
public sealed partial record SshDestination(string? User, string Host, int? Port)
{
    /// <summary>What follows ssh's options: <c>-p PORT</c> when given, then <c>--</c> and <c>user@host</c>.</summary>
    public IReadOnlyList<string> Arguments => Port is { } port
        ? ["-p", port.ToString(CultureInfo.InvariantCulture), "--", Target]
        : ["--", Target];

    public string Target => User is null ? Host : User + "@" + Host;

    /// <summary>The ssh command a user types to reach it, for messages.</summary>
    public string SshCommand => Port is { } port ? string.Create(CultureInfo.InvariantCulture, $"ssh -p {port} {Target}") : "ssh " + Target;

    /// <summary>The ssh-keyscan command that reads its host key (ssh-keyscan ignores the ssh config: an alias needs its HostName).</summary>
    public string KeyscanCommand => Port is { } port ? string.Create(CultureInfo.InvariantCulture, $"ssh-keyscan -p {port} {Host}") : "ssh-keyscan " + Host;

    public static SshDestination Parse(string destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.StartsWith('-'))
        {
            throw new InvalidParamsException($"The destination '{destination}' starts with '-', which ssh would read as an option; give a Host of your ssh config or user@host[:port].");
        }

        var match = Pattern().Match(destination);
        if (!match.Success)
        {
            throw new InvalidParamsException($"The destination '{destination}' is not a Host of your ssh config or user@host[:port]: user and host names may hold letters, digits, '.', '_' and '-' (an IPv6 address goes in brackets: [::1]:2222).");
        }

        int? port = null;
        if (match.Groups["port"].Success)
        {
            var value = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            if (value is < 1 or > 65535)
            {
                throw new InvalidParamsException($"The port {value} of '{destination}' is not between 1 and 65535.");
            }

            port = value;
        }

        var user = match.Groups["user"].Success ? match.Groups["user"].Value : null;
        var host = match.Groups["v6"].Success ? match.Groups["v6"].Value : match.Groups["host"].Value;
        return new SshDestination(user, host, port);
    }

    [GeneratedRegex(@"^(?:(?<user>[A-Za-z0-9_][A-Za-z0-9._-]{0,63})@)?(?:(?<host>[A-Za-z0-9_][A-Za-z0-9._-]{0,252})|\[(?<v6>[0-9A-Fa-f:.]{2,45})\])(?::(?<port>[0-9]{1,5}))?$")]
    private static partial Regex Pattern();
}
