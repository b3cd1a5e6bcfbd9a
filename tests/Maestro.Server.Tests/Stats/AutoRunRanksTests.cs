using Maestro.Server.Stats;

namespace Maestro.Server.Tests.Stats;

public sealed class AutoRunRanksTests
{
    private static readonly long Minute = 60_000;

    [Fact]
    public void Below_15_minutes_there_is_no_rank_and_15_minutes_is_the_first()
    {
        var (none, first) = AutoRunRanks.For((15 * Minute) - 1);
        Assert.Null(none);
        Assert.Equal(1, first!.Level);

        var (rank, next) = AutoRunRanks.For(15 * Minute);
        Assert.Equal(1, rank!.Level);
        Assert.Equal(60 * Minute, next!.FromMs);
    }

    [Fact]
    public void Each_step_starts_exactly_at_its_threshold_and_10_years_is_the_top()
    {
        var ladder = AutoRunRanks.Ladder;
        for (var i = 1; i < ladder.Count; i++)
        {
            Assert.True(ladder[i].FromMs > ladder[i - 1].FromMs);
            Assert.Equal(ladder[i - 1], AutoRunRanks.For(ladder[i].FromMs - 1).Rank);
            Assert.Equal(ladder[i], AutoRunRanks.For(ladder[i].FromMs).Rank);
        }

        var tenYears = (long)TimeSpan.FromDays(3650).TotalMilliseconds;
        Assert.Equal(tenYears, ladder[^1].FromMs);
        var (top, after) = AutoRunRanks.For(long.MaxValue);
        Assert.Equal(ladder[^1], top);
        Assert.Null(after);
    }
}
