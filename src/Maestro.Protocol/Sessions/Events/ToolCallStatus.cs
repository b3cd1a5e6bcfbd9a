using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<ToolCallStatus>))]
public enum ToolCallStatus
{
    Pending,
    InProgress,
    Completed,
    Failed,
}
