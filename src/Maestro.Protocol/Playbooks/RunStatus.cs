using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<RunStatus>))]
public enum RunStatus
{
    Running,

    /// <summary>
    /// Running, but waiting: for the provider (an outage or a spent quota; the current task's agent resends by itself,
    /// <see cref="Run.Waiting"/> says why and until when), or for a person at a HITL gate (<see cref="Run.Gate"/>: the
    /// run goes on once the task below the gate is ticked, or on <c>runs/approve</c>). <c>runs/list {status: running}</c>
    /// lists these too.
    /// </summary>
    Waiting,
    Done,
    Failed,
    Stopped,
}
