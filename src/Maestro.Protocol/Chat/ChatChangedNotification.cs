namespace Maestro.Protocol;

public sealed record ChatChangedNotification
{
    public required Room Room { get; init; }
}
