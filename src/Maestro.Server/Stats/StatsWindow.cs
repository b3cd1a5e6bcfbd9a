namespace Maestro.Server.Stats;

/// <summary>Turns that ended in [Since, Until), as Unix milliseconds; open ends are the whole store.</summary>
public readonly record struct StatsWindow(long SinceMs, long UntilMs)
{
    public static StatsWindow From(DateTimeOffset? since, DateTimeOffset? until)
        => new(since?.ToUnixTimeMilliseconds() ?? long.MinValue, until?.ToUnixTimeMilliseconds() ?? long.MaxValue);
}
