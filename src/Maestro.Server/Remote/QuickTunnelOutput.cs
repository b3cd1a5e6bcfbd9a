using System.Text.RegularExpressions;

namespace Maestro.Server.Remote;

/// <summary>
/// Reads cloudflared's quick-tunnel log (stderr): the public address comes in a box of lines,
/// <c>INF |  https://some-words.trycloudflare.com   |</c>. Only a trycloudflare.com address counts: the same log links
/// to Cloudflare's documentation too.
/// </summary>
public static partial class QuickTunnelOutput
{
    public static Uri? PublicUrl(string line)
    {
        var match = Address().Match(line);
        return match.Success ? new Uri(match.Value.ToLowerInvariant()) : null;
    }

    [GeneratedRegex(@"https://[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.trycloudflare\.com(?![A-Za-z0-9.-])", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
