using System.Text.Json.Serialization;

namespace Maestro.Protocol;

/// <summary>What a review decision made of a session's changes to a file: <c>kept</c> (accepted) or <c>rejected</c>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ReviewOutcome>))]
public enum ReviewOutcome
{
    Kept,
    Rejected,
}
