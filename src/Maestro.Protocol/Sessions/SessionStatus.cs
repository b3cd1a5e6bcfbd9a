using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<SessionStatus>))]
public enum SessionStatus
{
    Idle,
    Running,
    Waiting,
    Failed,

    /// <summary>The provider is down or out of quota: Maestro waits and resends the turn's prompt (see the session's outage event).</summary>
    Retrying,
    Closed,
}
