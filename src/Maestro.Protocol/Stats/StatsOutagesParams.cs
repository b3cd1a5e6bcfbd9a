namespace Maestro.Protocol;

/// <summary>Provider outages that closed in [since, until); both open when left out.</summary>
public sealed record StatsOutagesParams
{
    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }
}
