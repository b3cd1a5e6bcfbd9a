using Maestro.Server.Sessions.Resilience;

namespace Maestro.Server.Tests.Sessions.Resilience;

public sealed class ResetMomentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 22, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Claude AI usage limit reached|1796165400", "2026-12-01T22:50:00Z")]
    [InlineData("rate limited; retry-after: 7", "2026-12-01T22:30:07Z")]
    [InlineData("{\"retry_after_ms\": 1500}", "2026-12-01T22:30:01.5Z")]
    [InlineData("You've hit your usage limit. Try again in 2 hours 5 minutes.", "2026-12-02T00:35:00Z")]
    [InlineData("Usage limit resets at 2026-12-02T04:00:00+01:00.", "2026-12-02T03:00:00Z")]
    [InlineData("You've hit your limit · resets 11pm (UTC)", "2026-12-01T23:00:00Z")]
    [InlineData("You've hit your limit · resets 3pm (Europe/Paris)", "2026-12-02T14:00:00Z")]
    [InlineData("5-hour limit reached ∙ resets 5:30pm (America/New_York)", "2026-12-02T22:30:00Z")]
    public void Reset_moments_are_read(string text, string expected)
        => Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ResetMoment.Find(text, Now));

    [Theory]
    [InlineData("You've hit your usage limit. Upgrade to Pro or try again at 3:45 PM.")]
    [InlineData("limit reached, resets 3pm")]
    [InlineData("resets 3pm (Not/AZone)")]
    [InlineData("API Error: 529 Overloaded")]
    public void A_time_without_a_zone_or_no_time_names_no_reset(string text) => Assert.Null(ResetMoment.Find(text, Now));

    [Fact]
    public void The_schedules_back_off_as_documented()
    {
        var availability = Enumerable.Range(1, 8).Select(i => RetrySchedule.Delay(FailureClass.Availability, i).TotalSeconds);
        Assert.Equal([30, 60, 120, 240, 480, 960, 1800, 1800], availability);
        var quota = Enumerable.Range(1, 4).Select(i => RetrySchedule.Delay(FailureClass.Quota, i).TotalSeconds);
        Assert.Equal([15, 30, 60, 60], quota);

        // A named reset before the next probe is when the quota is probed; after it, the probe comes first.
        Assert.Equal(Now.AddSeconds(5), RetrySchedule.NextAt(FailureClass.Quota, 1, Now, Now.AddSeconds(5)));
        Assert.Equal(Now.AddSeconds(15), RetrySchedule.NextAt(FailureClass.Quota, 1, Now, Now.AddHours(3)));
        Assert.Equal(Now.AddSeconds(30), RetrySchedule.NextAt(FailureClass.Availability, 1, Now, Now.AddSeconds(5)));
    }

    [Fact]
    public void The_policy_stops_at_its_cap_and_when_a_class_is_turned_off()
    {
        var policy = new TurnRetryPolicy(TextFailureClassifier.Instance, new ResilienceSettings { MaxHours = 1, Quota = false });
        var outage = new TurnFailure(FailureClass.Availability, "529");
        Assert.NotNull(policy.NextAttempt(outage, 1, Now, Now));
        Assert.Null(policy.NextAttempt(outage, 9, Now.AddMinutes(-50), Now));
        Assert.Null(policy.NextAttempt(new TurnFailure(FailureClass.Quota, "limit"), 1, Now, Now));
    }
}
