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
}
