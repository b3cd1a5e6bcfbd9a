using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<RunStatus>))]
public enum RunStatus
{
    Running,

    /// <summary>
    /// Running, but its current task's agent is waiting for the provider (an outage or a spent quota) and resends by
    /// itself: <see cref="Run.Waiting"/> says why and until when. <c>runs/list {status: running}</c> lists these too.
    /// </summary>
    Waiting,
    Done,
    Failed,
    Stopped,
}
