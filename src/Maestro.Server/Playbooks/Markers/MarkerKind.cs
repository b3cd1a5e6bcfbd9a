namespace Maestro.Server.Playbooks.Markers;

/// <summary>The HTML-comment markers of the Maestro desktop app's Auto Run documents that a run obeys.</summary>
public enum MarkerKind
{
    /// <summary><c>&lt;!-- maestro:halt: reason --&gt;</c>: an agent says the rest cannot go on; the run ends <c>halted</c>.</summary>
    Halt,

    /// <summary><c>&lt;!-- MAESTRO:HITL reason="…" artifact="…" --&gt;</c>: the task below it waits for a person to tick it.</summary>
    Hitl,

    /// <summary>
    /// <c>&lt;!-- MAESTRO:MODEL tier="low|medium|high|default" effort="…" --&gt;</c>: the model tier the tasks below it
    /// (on its own line) or its own task (on a task line) run with.
    /// </summary>
    Model,
}
