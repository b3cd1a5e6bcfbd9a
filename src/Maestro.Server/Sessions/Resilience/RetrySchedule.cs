namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// When the next resend goes out. An outage backs off 30 s, 1, 2, 4, 8 and 16 minutes, then tries every half hour;
/// a spent quota is probed at 15 s, 30 s, then every minute, and exactly at the reset moment when the provider
/// named one (whichever comes first).
/// </summary>
public static class RetrySchedule
{
    private static readonly TimeSpan[] AvailabilityDelays =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(16)];

    private static readonly TimeSpan AvailabilityThen = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan[] QuotaDelays = [TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    private static readonly TimeSpan QuotaThen = TimeSpan.FromMinutes(1);

    /// <summary>The wait after the <paramref name="failures"/>-th failed send of the outage (1 after the first).</summary>
    public static TimeSpan Delay(FailureClass failure, int failures)
    {
        var (delays, then) = failure == FailureClass.Quota ? (QuotaDelays, QuotaThen) : (AvailabilityDelays, AvailabilityThen);
        var index = Math.Max(failures, 1) - 1;
        return index < delays.Length ? delays[index] : then;
    }

    public static DateTimeOffset NextAt(FailureClass failure, int failures, DateTimeOffset now, DateTimeOffset? resetAt)
    {
        var next = now + Delay(failure, failures);
        return failure == FailureClass.Quota && resetAt is { } reset && reset > now && reset < next ? reset : next;
    }
}
