using System.Text.RegularExpressions;

namespace Maestro.Server.Chat;

/// <summary>
/// The <c>@alias</c> mentions of a message, in the order written, each once. A mention starts at '@' that does not
/// follow a word character (so e-mail addresses are not mentions) and runs over letters, digits, '-' and '_'.
/// </summary>
public static partial class Mentions
{
    public const string All = "all";

    public static IReadOnlyList<string> Parse(string text)
    {
        var found = new List<string>();
        foreach (Match match in MentionPattern().Matches(text))
        {
            var alias = match.Groups[1].Value.TrimEnd('-', '_');
            if (alias.Length > 0 && !found.Contains(alias, StringComparer.OrdinalIgnoreCase))
            {
                found.Add(alias);
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="alias"/> may be used as a participant's name.</summary>
    public static bool IsValidAlias(string alias)
        => AliasPattern().IsMatch(alias) && !Reserved.Contains(alias, StringComparer.OrdinalIgnoreCase);

    /// <summary>Names that are authors or routing words of their own.</summary>
    public static IReadOnlyList<string> Reserved { get; } = [All, "user", "system", "moderator"];

    [GeneratedRegex(@"(?<![\w@])@([A-Za-z0-9][A-Za-z0-9_-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9_-]{0,30}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();
}
