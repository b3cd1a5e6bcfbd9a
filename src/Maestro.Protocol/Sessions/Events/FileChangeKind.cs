using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<FileChangeKind>))]
public enum FileChangeKind
{
    Added,
    Modified,
    Deleted,
}
