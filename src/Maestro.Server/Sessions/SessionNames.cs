namespace Maestro.Server.Sessions;

/// <summary>
/// A session's names: the default the server gives one nobody named ("Claude Code 3"), and the name its first prompt
/// gives it instead, so the list says what each session is about in every client (CLI, ACP, VS Code, Rider, phone).
/// </summary>
public static class SessionNames
{
    /// <summary>About what a narrow list row shows before its ellipsis.</summary>
    public const int MaxLength = 40;

    public static string Default(string agentName, int number) => $"{agentName} {number}";

    /// <summary>Whether <paramref name="name"/> is still the default: the agent's name, a space and a number.</summary>
    public static bool IsDefault(string name, string agentName) =>
        name.Length > agentName.Length + 1
        && name.StartsWith(agentName + " ", StringComparison.Ordinal)
        && name.AsSpan(agentName.Length + 1).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>
    /// The prompt's first non-blank line, whitespace collapsed, cut at a word boundary to at most
    /// <see cref="MaxLength"/> characters with an ellipsis; null for a prompt with no text.
    /// </summary>
    public static string? FromPrompt(string text)
    {
        var line = text.Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).FirstOrDefault(l => l.Length > 0);
        if (line is null)
        {
            return null;
        }

        if (line.Length <= MaxLength)
        {
            return line;
        }

        // Room for the ellipsis; a single word longer than that is cut inside it.
        var cut = line.LastIndexOf(' ', MaxLength - 1);
        var head = cut > 0 ? line[..cut] : line[..(MaxLength - 1)];
        return head.TrimEnd(' ', ',', ';', ':', '.', '-') + "…";
    }
}
