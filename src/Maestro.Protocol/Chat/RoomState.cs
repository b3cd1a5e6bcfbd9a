using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<RoomState>))]
public enum RoomState
{
    Idle,

    /// <summary>The moderator is deciding who answers.</summary>
    Moderating,

    /// <summary>One or more participants are taking their turn (<see cref="Room.Working"/> names them).</summary>
    Working,

    Closed,
}
