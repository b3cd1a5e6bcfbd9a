using System.Globalization;
using System.Text.RegularExpressions;

namespace Maestro.Server.Playbooks.Prompts;

/// <summary>
/// The Maestro desktop app's template variables (<c>{{AGENT_NAME}}</c>, <c>{{CWD}}</c>, <c>{{DOCUMENT_PATH}}</c>,
/// <c>{{LOOP_NUMBER}}</c>, <c>{{GIT_BRANCH}}</c>, <c>{{DATE}}</c>, <c>{{TIME}}</c> and a few more), which its
/// documents carry in their text. As there, names are case-insensitive and a name it does not know is left as it is:
/// a document may hold double braces of its own. <c>{{LOOP_NUMBER}}</c> is five digits, <c>00001</c>, as there.
/// </summary>
public static partial class AnchorVariables
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AGENT_NAME", "AGENT_PATH", "CWD", "AUTORUN_FOLDER", "DOCUMENT_NAME", "DOCUMENT_PATH", "LOOP_NUMBER",
        "GIT_BRANCH", "IS_GIT_REPO", "DATE", "TIME", "DATETIME", "YEAR", "MONTH", "DAY",
    };

    public static bool IsName(string name) => Names.Contains(name);

    /// <summary>The text with every anchor variable replaced; anything else in double braces untouched.</summary>
    public static string Expand(string text, PromptValues values)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        var now = values.Now == default ? DateTimeOffset.Now : values.Now;
        return Variable().Replace(text, match => match.Groups[1].Value.ToUpperInvariant() switch
        {
            "AGENT_NAME" => values.AgentId,
            "AGENT_PATH" or "CWD" => values.Cwd,
            "AUTORUN_FOLDER" => Path.GetDirectoryName(values.Document) ?? string.Empty,
            "DOCUMENT_NAME" => Path.GetFileNameWithoutExtension(values.Document),
            "DOCUMENT_PATH" => values.Document,
            "LOOP_NUMBER" => values.Loop.ToString("D5", CultureInfo.InvariantCulture),
            "GIT_BRANCH" => values.GitBranch ?? string.Empty,
            "IS_GIT_REPO" => values.GitBranch is null ? "false" : "true",
            "DATE" => now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "TIME" => now.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            "DATETIME" => now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            "YEAR" => now.ToString("yyyy", CultureInfo.InvariantCulture),
            "MONTH" => now.ToString("MM", CultureInfo.InvariantCulture),
            "DAY" => now.ToString("dd", CultureInfo.InvariantCulture),
            _ => match.Value,
        });
    }

    [GeneratedRegex(@"\{\{([A-Za-z_]+)\}\}")]
    private static partial Regex Variable();
}
