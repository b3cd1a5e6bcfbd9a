using System.Text.RegularExpressions;
using Maestro.Server.Playbooks.Documents;

namespace Maestro.Server.Playbooks.Markers;

/// <summary>
/// Unchecked tasks that read as steps only a person can do. An agent given one either stalls or ticks a box it never
/// did, so the load warns (never refuses: a false positive costs a glance) and suggests a HITL gate instead. The
/// phrases are narrow on purpose: "verify" or "test" alone is agent work, "visually verify" or "manually test" is not.
/// </summary>
public static partial class HumanStepWarnings
{
    private static readonly (string Label, Regex Pattern)[] Patterns =
    [
        ("a manual step", ManualStep()),
        ("a visual check", VisualCheck()),
        ("waiting for a person", WaitForPerson()),
        ("an approval", Approval()),
        ("a person as the actor", PersonActs()),
    ];

    /// <summary>One warning per unchecked task that reads as human-only, naming the line and what it reads as.</summary>
    public static IReadOnlyList<(int Line, string Message)> Find(TaskDocument document)
    {
        var warnings = new List<(int, string)>();
        foreach (var task in document.Tasks.Where(t => !t.Checked))
        {
            var labels = Patterns.Where(p => p.Pattern.IsMatch(task.Text)).Select(p => p.Label).ToList();
            if (labels.Count > 0)
            {
                warnings.Add((task.Line, $"'{task.Text}' reads as a step only a person can do ({string.Join(", ", labels)}); an agent cannot do it. Put a gate above it so the run waits for a person to tick it: <!-- MAESTRO:HITL reason=\"…\" -->."));
            }
        }

        return warnings;
    }

    [GeneratedRegex(@"\b(?:manually|by hand|hand-verify)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ManualStep();

    [GeneratedRegex(@"\bvisually\b|\bvisual\s+(?:check|inspection|review|verification|confirmation|comparison|QA)\b|\beyeball\b", RegexOptions.IgnoreCase)]
    private static partial Regex VisualCheck();

    [GeneratedRegex(@"\b(?:wait for|ask|check with|confirm with|coordinate with)\s+(?:the\s+)?(?:user|human|team|reviewer|stakeholder|owner|conductor)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex WaitForPerson();

    [GeneratedRegex(@"\b(?:get|await|obtain|request|pending)\s+(?:\w+\s+)?approval\b|\bsign[-\s]?off\b|\b(?:human|user|manual|stakeholder)\s+(?:approval|review|verification|confirmation)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Approval();

    [GeneratedRegex(@"\b(?:the\s+)?(?:user|human|developer|you)\s+(?:must|should|will|needs? to|has to)\s+(?:then\s+)?(?:manually\s+)?(?:test|verify|confirm|review|approve|check|click|open|inspect|decide|choose)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonActs();
}
