using System.Text.RegularExpressions;
using Maestro.Server.Playbooks.Documents;

namespace Maestro.Server.Playbooks.Markers;

/// <summary>
/// Finds the halt and human-in-the-loop markers of a document, as the Maestro desktop app reads them: line by line,
/// skipping fenced code blocks (<c>```</c> or <c>~~~</c>, closed by the same character at least as long) and inline
/// code spans, so a document that shows the syntax never triggers it.
/// </summary>
public static partial class MarkerScanner
{
    /// <summary>The default reason of a gate that names none, as the anchor has it.</summary>
    public const string DefaultGateReason = "Human review requested";

    public static IReadOnlyList<DocumentMarker> Scan(TaskDocument document)
    {
        var taskLines = document.Tasks.Select(t => t.Line).ToHashSet();
        var markers = new List<DocumentMarker>();
        var lines = document.Text.ReplaceLineEndings("\n").Split('\n');
        char fence = '\0';
        var fenceLength = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].AsSpan().TrimStart();
            var run = FenceRun(trimmed);
            if (run > 0)
            {
                if (fence == '\0')
                {
                    (fence, fenceLength) = (trimmed[0], run);
                    continue;
                }

                if (trimmed[0] == fence && run >= fenceLength)
                {
                    (fence, fenceLength) = ('\0', 0);
                    continue;
                }
            }

            if (fence != '\0' || !lines[i].Contains("<!--", StringComparison.Ordinal))
            {
                continue;
            }

            var line = InlineCode().Replace(lines[i], " ");
            var onTaskLine = taskLines.Contains(i + 1) || CheckboxLine().IsMatch(line);
            if (Halt().Match(line) is { Success: true } halt)
            {
                markers.Add(new DocumentMarker(MarkerKind.Halt, i + 1, onTaskLine, NullIfEmpty(halt.Groups[1].Value), null));
            }

            if (ModelHint().Match(line) is { Success: true } model)
            {
                var modelAttributes = model.Groups[1].Value;
                markers.Add(new DocumentMarker(
                    MarkerKind.Model,
                    i + 1,
                    onTaskLine,
                    null,
                    null,
                    NullIfEmpty(Attribute(modelAttributes, "tier"))?.ToLowerInvariant(),
                    NullIfEmpty(Attribute(modelAttributes, "effort"))?.ToLowerInvariant()));
            }

            if (Hitl().Match(line) is { Success: true } hitl)
            {
                var attributes = hitl.Groups[1].Value;
                markers.Add(new DocumentMarker(
                    MarkerKind.Hitl,
                    i + 1,
                    onTaskLine,
                    NullIfEmpty(Attribute(attributes, "reason")) ?? DefaultGateReason,
                    NullIfEmpty(Attribute(attributes, "artifact"))));
            }
        }

        return markers;
    }

    /// <summary>The halt a run must obey: the first halt marker standing in the document's body (not on a checkbox line).</summary>
    public static DocumentMarker? LiveHalt(IReadOnlyList<DocumentMarker> markers)
        => markers.FirstOrDefault(m => m.Kind == MarkerKind.Halt && !m.OnTaskLine);

    /// <summary>
    /// The gate that holds <paramref name="next"/>: a HITL marker below the task before it (or the top of the document)
    /// and above it, on a line of its own. A checked task between a marker and the next task means the gate was passed.
    /// Of several markers in that stretch, the first.
    /// </summary>
    public static DocumentMarker? PendingGate(TaskDocument document, IReadOnlyList<DocumentMarker> markers, DocumentTask next)
    {
        if (next.Checked)
        {
            return null;
        }

        var previousLine = document.Tasks.Where(t => t.Line < next.Line).Select(t => t.Line).DefaultIfEmpty(0).Max();
        return markers.FirstOrDefault(m => m.Kind == MarkerKind.Hitl && !m.OnTaskLine && m.Line > previousLine && m.Line < next.Line);
    }

    /// <summary>
    /// The model tier <paramref name="next"/> runs with, as the anchor resolves it: the last model marker on a line of
    /// its own above the task (a standalone hint governs everything below it until the next one), or the task's own
    /// inline marker. <c>default</c> means the agent's own model. Null when no marker sets a tier.
    /// </summary>
    public static string? TierFor(IReadOnlyList<DocumentMarker> markers, DocumentTask next)
    {
        var standalone = markers.LastOrDefault(m => m.Kind == MarkerKind.Model && !m.OnTaskLine && m.Line < next.Line && m.Tier is not null);
        var inline = markers.FirstOrDefault(m => m.Kind == MarkerKind.Model && m.OnTaskLine && m.Line == next.Line && m.Tier is not null);
        return (inline ?? standalone)?.Tier;
    }

    private static int FenceRun(ReadOnlySpan<char> trimmed)
    {
        if (trimmed.Length < 3 || trimmed[0] is not ('`' or '~'))
        {
            return 0;
        }

        var run = 0;
        while (run < trimmed.Length && trimmed[run] == trimmed[0])
        {
            run++;
        }

        return run >= 3 ? run : 0;
    }

    private static string? Attribute(string attributes, string name)
    {
        foreach (Match match in AttributePair().Matches(attributes))
        {
            if (string.Equals(match.Groups[1].Value, name, StringComparison.OrdinalIgnoreCase))
            {
                return match.Groups[2].Value.Trim();
            }
        }

        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"<!--\s*maestro:halt\s*(?::\s*([^>]*?))?\s*-->", RegexOptions.IgnoreCase)]
    private static partial Regex Halt();

    [GeneratedRegex(@"<!--\s*MAESTRO:HITL\b(.*?)-->", RegexOptions.IgnoreCase)]
    private static partial Regex Hitl();

    [GeneratedRegex(@"<!--\s*MAESTRO:MODEL\b(.*?)-->", RegexOptions.IgnoreCase)]
    private static partial Regex ModelHint();

    [GeneratedRegex(@"(\w+)\s*=\s*""([^""]*)""")]
    private static partial Regex AttributePair();

    [GeneratedRegex(@"(`+)[^`]*?\1")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^\s*(?:[-*+]|\d+[.)])\s*\[[^\]]?\]")]
    private static partial Regex CheckboxLine();
}
