using Maestro.Protocol;

namespace Maestro.Server.Stats;

/// <summary>The Auto Run ladder: cumulative unattended Playbook time, from 15 minutes up to 10 years.</summary>
public static class AutoRunRanks
{
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    public static IReadOnlyList<AutoRunRank> Ladder { get; } =
    [
        Step(1, "Apprentice", TimeSpan.FromMinutes(15)),
        Step(2, "Rehearsal", TimeSpan.FromHours(1)),
        Step(3, "Soloist", TimeSpan.FromHours(8)),
        Step(4, "Section Leader", TimeSpan.FromDays(1)),
        Step(5, "Concertmaster", TimeSpan.FromDays(7)),
        Step(6, "Conductor", TimeSpan.FromDays(30)),
        Step(7, "Music Director", TimeSpan.FromDays(90)),
        Step(8, "Maestro", TimeSpan.FromDays(182)),
        Step(9, "Virtuoso", Year),
        Step(10, "Grand Maestro", Year * 5),
        Step(11, "Legend", Year * 10),
    ];

    /// <summary>The highest step reached (null below 15 minutes) and the next one (null at the top).</summary>
    public static (AutoRunRank? Rank, AutoRunRank? Next) For(long autoRunMs)
    {
        AutoRunRank? rank = null;
        foreach (var step in Ladder)
        {
            if (autoRunMs < step.FromMs)
            {
                return (rank, step);
            }

            rank = step;
        }

        return (rank, null);
    }

    private static AutoRunRank Step(int level, string name, TimeSpan from) => new() { Level = level, Name = name, FromMs = (long)from.TotalMilliseconds };
}
