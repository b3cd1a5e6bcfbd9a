namespace Maestro.Protocol;

/// <summary>
/// A human-in-the-loop gate the run waits at: a <c>&lt;!-- MAESTRO:HITL reason="…" artifact="…" --&gt;</c> marker above
/// the next unchecked task. The person approves by ticking that task (in the document, or with <c>runs/approve</c>),
/// and the run goes on by itself.
/// </summary>
public sealed record RunGate
{
    /// <summary>Why a person is needed (the marker's <c>reason</c>; "Human review requested" when it names none).</summary>
    public required string Reason { get; init; }

    /// <summary>What to look at before approving, as the marker wrote it (usually a path); null when none.</summary>
    public string? Artifact { get; init; }

    /// <summary>The task whose box approves the gate.</summary>
    public required RunTask Task { get; init; }

    /// <summary>1-based line of the marker in <see cref="RunTask.Document"/>.</summary>
    public required int MarkerLine { get; init; }

    public required DateTimeOffset Since { get; init; }
}
