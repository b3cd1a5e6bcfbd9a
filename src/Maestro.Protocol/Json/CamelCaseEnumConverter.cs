using System.Text.Json;
using System.Text.Json.Serialization;

namespace Maestro.Protocol;

/// <summary>Writes and reads an enum as its camelCase name, as the protocol requires; numbers are refused.</summary>
public sealed class CamelCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public CamelCaseEnumConverter()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}
