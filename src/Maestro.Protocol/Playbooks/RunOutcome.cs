using System.Text.Json.Serialization;

namespace Maestro.Protocol;

/// <summary>Why a run ended: what <c>maestro run</c> turns into its exit code.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<RunOutcome>))]
public enum RunOutcome
{
    /// <summary>Every task is checked off, in every loop.</summary>
    Done,

    /// <summary>A task was still unchecked after its retries.</summary>
    TaskFailed,

    /// <summary>The budget (tasks, cost or minutes) ran out.</summary>
    BudgetExceeded,

    /// <summary><c>runs/stop</c>, or the CLI was interrupted.</summary>
    Stopped,

    /// <summary>The playbook became unusable during the run (deleted, no longer parseable).</summary>
    PlaybookInvalid,

    /// <summary>The agent could not be started.</summary>
    AgentUnavailable,

    /// <summary>Anything else; the run's reason says what.</summary>
    Error,

    /// <summary>
    /// An agent wrote a halt marker (<c>&lt;!-- maestro:halt: reason --&gt;</c>) into a document: the rest cannot go on.
    /// The run ended at once, with no further task; the reason is the marker's.
    /// </summary>
    Halted,
}
