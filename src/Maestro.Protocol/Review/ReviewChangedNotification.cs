namespace Maestro.Protocol;

public sealed record ReviewChangedNotification
{
    public required string Cwd { get; init; }

    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>The host whose folder changed, for a change relayed from a host's daemon.</summary>
    public string? Host { get; init; }
}
