using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<RunProgressKind>))]
public enum RunProgressKind
{
    TaskStarted,
    TaskDone,
    TaskFailed,
    LoopStarted,
    Finished,

    /// <summary>The current task's agent waits for the provider (the run's status is now <c>waiting</c>); sent again when the wait changes.</summary>
    Waiting,

    /// <summary>The provider answered again, or the outage was given up: the task goes on (status <c>running</c>).</summary>
    Resumed,
}
