using System.Text.Json.Serialization;

namespace Maestro.Protocol;

/// <summary>Why the provider did not serve a turn: it is down or overloaded, or the account's usage is spent.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<OutageClass>))]
public enum OutageClass
{
    /// <summary>Overloaded, rate limited, a 5xx, a dropped connection: backs off 30 s, 1, 2, 4, 8, 16 min, then every 30 min.</summary>
    Availability,

    /// <summary>A usage or quota limit: probed at 15 s, 30 s, then every minute, and at the reset moment when the provider names one.</summary>
    Quota,
}
