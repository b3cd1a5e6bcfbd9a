namespace Maestro.Server.Playbooks.Markers;

/// <summary>
/// What a <c>MAESTRO:MODEL</c> tier means for an agent. As in the Maestro desktop app, only Claude Code has a map,
/// through its permanent aliases (<c>haiku</c>, <c>sonnet</c>, <c>opus</c>), which always name the current model of
/// each tier; the other agents discover their models at run time or run what the user configured, so a tier there
/// keeps the agent's own model and the run says so. Effort is not applied by this build (a load warning says so).
/// </summary>
public static class ModelTiers
{
    public static readonly IReadOnlyList<string> Levels = ["low", "medium", "high"];

    public const string Default = "default";

    /// <summary>The model for <paramref name="tier"/> on <paramref name="agentId"/>; null when it has none (or the tier is <c>default</c>).</summary>
    public static string? ModelFor(string agentId, string tier) => (agentId, tier) switch
    {
        ("claude-code" or "acp:claude", "low") => "haiku",
        ("claude-code" or "acp:claude", "medium") => "sonnet",
        ("claude-code" or "acp:claude", "high") => "opus",
        _ => null,
    };

    /// <summary>The warnings of a document's model markers: a value that is no tier, and an effort this build does not apply.</summary>
    public static IEnumerable<(int Line, string Message)> Warnings(IReadOnlyList<DocumentMarker> markers)
    {
        foreach (var marker in markers.Where(m => m.Kind == MarkerKind.Model))
        {
            if (marker.Tier is { } tier && tier != Default && !Levels.Contains(tier))
            {
                yield return (marker.Line, $"The model marker's tier \"{tier}\" is not low, medium, high or default; it is ignored.");
            }

            if (marker.Effort is not null)
            {
                yield return (marker.Line, $"The model marker's effort \"{marker.Effort}\" is not applied by this Maestro (its tier is); the agent thinks as it is configured to.");
            }
        }
    }
}
