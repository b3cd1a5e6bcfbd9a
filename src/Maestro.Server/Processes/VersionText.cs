using System.Text.RegularExpressions;

namespace Maestro.Server.Processes;

/// <summary>Pulls a version number out of whatever a <c>--version</c> printed.</summary>
public static partial class VersionText
{
    public static string? Extract(string output)
    {
        var match = VersionPattern().Match(output);
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex(@"\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.\-]+)?")]
    private static partial Regex VersionPattern();
}
