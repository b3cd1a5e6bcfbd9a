using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Maestro.Server.Playbooks.Errors;

namespace Maestro.Server.Playbooks.Prompts;

/// <summary>
/// The prompt each task's session gets. Placeholders: <c>{{playbook}}</c>, <c>{{document}}</c> (absolute paths),
/// <c>{{task}}</c>, <c>{{line}}</c>, <c>{{section}}</c> (the headings above the task), <c>{{context}}</c> (the
/// document's text) and <c>{{loop}}</c>; beside them the Maestro desktop app's variables (<see cref="AnchorVariables"/>),
/// which are also filled in the document text and the task shown to the agent. Anything else in double braces is an
/// error when the template loads, not a surprise in the agent's prompt.
/// </summary>
public sealed partial class PromptTemplate
{
    /// <summary>The document text shown as context is capped, so a huge document cannot blow the agent's context.</summary>
    public const int MaxContextChars = 24_000;

    public const string Default = """
        You are working through a Maestro Playbook, one task at a time, unattended: nobody will answer questions.

        Playbook: {{playbook}}
        Document: {{document}}
        Section: {{section}}
        Your task (line {{line}} of the document): {{task}}

        Do this task, and only this task. When it is done, check it off in the document: change its "[ ]" to "[x]"
        on line {{line}}, and change nothing else in that file (no other checkbox, no reformatting, no rewriting).
        If you cannot do the task, leave it unchecked and say why.

        The document, for context:
        ----- begin {{document}} -----
        {{context}}
        ----- end -----
        """;

    private static readonly string[] Names = ["playbook", "document", "task", "line", "section", "context", "loop"];

    private readonly string template;

    private PromptTemplate(string template)
    {
        this.template = template;
    }

    /// <exception cref="PlaybookInvalidException">The template names a placeholder that does not exist, or lacks {{task}}.</exception>
    public static PromptTemplate Parse(string? template, string source)
    {
        var text = template ?? Default;
        foreach (Match match in Placeholder().Matches(text))
        {
            if (!Names.Contains(match.Groups[1].Value) && !AnchorVariables.IsName(match.Groups[1].Value))
            {
                throw new PlaybookInvalidException($"{source}: the prompt template has an unknown placeholder {match.Value}; the placeholders are {string.Join(", ", Names.Select(n => "{{" + n + "}}"))} and the Maestro app's {string.Join(", ", AnchorVariables.Names.Order(StringComparer.Ordinal).Select(n => "{{" + n + "}}"))}.");
            }
        }

        if (!text.Contains("{{task}}", StringComparison.Ordinal))
        {
            throw new PlaybookInvalidException($"{source}: the prompt template never says {{{{task}}}}, so the agent would not know its task.");
        }

        return new PromptTemplate(text);
    }

    public string Render(PromptValues values)
    {
        var context = AnchorVariables.Expand(values.Context, values);
        context = context.Length <= MaxContextChars
            ? context
            : context[..MaxContextChars] + "\n[... the rest of the document is not shown; read the file ...]";
        return new StringBuilder(AnchorVariables.Expand(template, values))
            .Replace("{{playbook}}", values.Playbook)
            .Replace("{{document}}", values.Document)
            .Replace("{{task}}", AnchorVariables.Expand(values.Task, values))
            .Replace("{{line}}", values.Line.ToString(CultureInfo.InvariantCulture))
            .Replace("{{section}}", values.Section.Length == 0 ? "(none)" : AnchorVariables.Expand(values.Section, values))
            .Replace("{{loop}}", values.Loop.ToString(CultureInfo.InvariantCulture))
            .Replace("{{context}}", context)
            .ToString();
    }

    [GeneratedRegex(@"\{\{([A-Za-z_]+)\}\}")]
    private static partial Regex Placeholder();
}
