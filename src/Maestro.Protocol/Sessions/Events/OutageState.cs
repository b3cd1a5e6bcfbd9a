using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<OutageState>))]
public enum OutageState
{
    /// <summary>Waiting until <c>nextAt</c> to resend the prompt.</summary>
    Waiting,

    /// <summary>A resend was served: the turn went on.</summary>
    Recovered,

    /// <summary>Maestro gave up: cancelled, the cap in hours was reached, a new prompt took over, or a resend failed for a reason not retried.</summary>
    Stopped,
}
