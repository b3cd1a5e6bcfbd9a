using System.Text.Json.Serialization;

namespace Maestro.Protocol;

/// <summary>Where one task of a run stands (<c>runs/tasks</c>), read from the documents and the run's attempts.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<RunTaskState>))]
public enum RunTaskState
{
    /// <summary>Unchecked, and the run has not got to it yet.</summary>
    Pending,

    /// <summary>An agent works on it now.</summary>
    Running,

    /// <summary>Its box is checked (by this run's agent, or before the run, or by a person).</summary>
    Done,

    /// <summary>Still unchecked after its last attempt with no retry left.</summary>
    Failed,

    /// <summary>Unchecked, and the run ended (stopped, failed, halted, out of budget) before it finished this task.</summary>
    Skipped,

    /// <summary>The run waits at a HITL gate for a person to tick this task (<see cref="Run.Gate"/>).</summary>
    Waiting,
}
