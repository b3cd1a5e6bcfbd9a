namespace Maestro.Protocol;

public sealed record SessionChangedNotification
{
    public required Session Session { get; init; }

    /// <summary>The session was deleted (<c>sessions/delete</c>): <see cref="Session"/> is its last state; forget it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Deleted { get; init; }
}
