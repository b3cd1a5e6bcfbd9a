namespace Maestro.Protocol;

public sealed record StatsGetParams
{
    public DateTimeOffset? Since { get; init; }
}
