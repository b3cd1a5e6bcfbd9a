namespace Maestro.Protocol;

public sealed record RunProgressNotification
{
    public required Run Run { get; init; }

    public required RunProgressKind Event { get; init; }

    public RunTask? Task { get; init; }
}
