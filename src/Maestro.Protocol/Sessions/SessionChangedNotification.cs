namespace Maestro.Protocol;

public sealed record SessionChangedNotification
{
    public required Session Session { get; init; }
}
