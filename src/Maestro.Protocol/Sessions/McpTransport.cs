using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<McpTransport>))]
public enum McpTransport
{
    Stdio,
    Http,
    Sse,
}
