using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<AgentKind>))]
public enum AgentKind
{
    Native,
    Acp,
}
