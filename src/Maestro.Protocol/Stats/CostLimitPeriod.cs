using System.Text.Json.Serialization;

namespace Maestro.Protocol;

/// <summary>The local calendar day or month a cost limit covers.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<CostLimitPeriod>))]
public enum CostLimitPeriod
{
    Day,
    Month,
}
