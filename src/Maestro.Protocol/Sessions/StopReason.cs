using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<StopReason>))]
public enum StopReason
{
    EndTurn,
    Cancelled,
    Error,
    MaxTurns,
}
