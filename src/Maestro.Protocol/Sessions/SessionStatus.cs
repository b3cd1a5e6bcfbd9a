using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<SessionStatus>))]
public enum SessionStatus
{
    Idle,
    Running,
    Waiting,
    Failed,
    Closed,
}
