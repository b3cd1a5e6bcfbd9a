namespace Maestro.Server.Playbooks.Markers;

/// <summary>The HTML-comment markers of the Maestro desktop app's Auto Run documents that a run obeys.</summary>
public enum MarkerKind
{
    /// <summary><c>&lt;!-- maestro:halt: reason --&gt;</c>: an agent says the rest cannot go on; the run ends <c>halted</c>.</summary>
    Halt,

    /// <summary><c>&lt;!-- MAESTRO:HITL reason="…" artifact="…" --&gt;</c>: the task below it waits for a person to tick it.</summary>
    Hitl,
}
