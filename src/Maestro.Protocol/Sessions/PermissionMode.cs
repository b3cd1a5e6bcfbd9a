using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<PermissionMode>))]
public enum PermissionMode
{
    Ask,
    AcceptEdits,
    Bypass,
}
