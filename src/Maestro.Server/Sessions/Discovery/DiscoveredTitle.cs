namespace Maestro.Server.Sessions.Discovery;

/// <summary>The title a discovered session is listed under: the first line of its first prompt, cut to 80 characters.</summary>
public static class DiscoveredTitle
{
    public static string Of(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 80 ? line : line[..80] + "…";
    }
}
