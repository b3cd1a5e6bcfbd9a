namespace Maestro.Server.Playbooks.Markers;

/// <summary>One marker found in a document's live text (not in fenced code, not in an inline code span).</summary>
/// <param name="Line">1-based line of the marker.</param>
/// <param name="OnTaskLine">It rides a checkbox line: a halt there describes what a future run should do, and a gate there gates nothing.</param>
/// <param name="Reason">The halt's reason (after the colon), or the gate's <c>reason</c>; null when none was given.</param>
/// <param name="Artifact">The gate's <c>artifact</c>: what the person should look at; null when none.</param>
/// <param name="Tier">A model marker's <c>tier</c>, lower case (<c>low</c>, <c>medium</c>, <c>high</c>, <c>default</c>, or what was written); null when it sets none.</param>
/// <param name="Effort">A model marker's <c>effort</c>, lower case; null when it sets none.</param>
public sealed record DocumentMarker(MarkerKind Kind, int Line, bool OnTaskLine, string? Reason, string? Artifact, string? Tier = null, string? Effort = null);
