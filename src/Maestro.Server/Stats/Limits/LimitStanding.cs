using Maestro.Protocol;

namespace Maestro.Server.Stats.Limits;

/// <summary>One configured limit and what its period has spent so far.</summary>
public sealed record LimitStanding(CostLimitPeriod Period, string? AgentId, decimal LimitUsd, decimal SpentUsd, string PeriodKey, string SettingPath)
{
    public bool Spent => SpentUsd >= LimitUsd;

    public bool Warned => SpentUsd >= LimitUsd * 0.8m;

    public string Describe()
    {
        var who = AgentId is null ? "all agents" : AgentId;
        var period = Period == CostLimitPeriod.Day ? "daily" : "monthly";
        var when = Period == CostLimitPeriod.Day ? "today" : "this month";
        return FormattableString.Invariant($"The {period} cost limit of ${LimitUsd:0.00##} for {who} ({SettingPath}) is {(Spent ? "spent" : $"{Percent}% spent")}: ${SpentUsd:0.00##} {when}");
    }

    public int Percent => LimitUsd <= 0 ? 100 : (int)decimal.Floor(SpentUsd * 100m / LimitUsd);
}
