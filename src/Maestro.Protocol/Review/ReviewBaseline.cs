using System.Text.Json.Serialization;

namespace Maestro.Protocol;

/// <summary>
/// What a review compares the working files with. <c>agent</c> (the default): each session turn's own baseline, so
/// only what an agent changed is offered. <c>index</c>: git's index, every uncommitted change, the old behaviour,
/// where accept stages and reject restores from the index; a client asks for it by name only.
/// </summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ReviewBaseline>))]
public enum ReviewBaseline
{
    Agent,
    Index,
}
