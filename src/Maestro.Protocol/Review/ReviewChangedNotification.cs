namespace Maestro.Protocol;

public sealed record ReviewChangedNotification
{
    public required string Cwd { get; init; }

    public required IReadOnlyList<string> Paths { get; init; }
}
