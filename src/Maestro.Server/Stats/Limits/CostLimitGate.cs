using System.Collections.Concurrent;
using Maestro.Protocol;
using Maestro.Server.Agents.Settings;
using Maestro.Server.Rpc;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Stats.Limits;

/// <summary>
/// The cost limits of settings.json against what turn_stats says was spent: refuses new turns and runs once a
/// limit is spent, tells a run to stop, and warns every client once per limit and period at 80 % and at 100 %.
/// Only reported costs count in money; turns without one are said to be uncounted.
/// </summary>
public sealed class CostLimitGate
{
    private readonly StatsStore store;
    private readonly SettingsStore settings;
    private readonly ConnectionRegistry clients;
    private readonly ILogger<CostLimitGate> logger;
    private readonly string settingsPath;
    private readonly ConcurrentDictionary<string, byte> warned = new(StringComparer.Ordinal);

    public CostLimitGate(StatsStore store, SettingsStore settings, ConnectionRegistry clients, Hosting.MaestroPaths paths, ILogger<CostLimitGate> logger)
    {
        this.store = store;
        this.settings = settings;
        this.clients = clients;
        this.logger = logger;
        settingsPath = Path.Combine(paths.Home, "settings.json");
    }

    /// <summary>Throws <see cref="BudgetExceededException"/> when a limit that covers <paramref name="agentId"/> is spent.</summary>
    public async Task EnsureWithinAsync(string agentId, CancellationToken cancellationToken)
    {
        if (await ReachedAsync(agentId, cancellationToken) is { } reason)
        {
            throw new BudgetExceededException(reason);
        }
    }

    /// <summary>Why no new turn of <paramref name="agentId"/> may start, or null when every limit has room.</summary>
    public async Task<string?> ReachedAsync(string agentId, CancellationToken cancellationToken)
    {
        var spent = (await StandingsAsync(agentId, cancellationToken)).FirstOrDefault(s => s.Spent);
        return spent is null ? null : Refusal(spent);
    }

    /// <summary>After a turn of <paramref name="agentId"/> is stored: warns the clients of every limit it brought to 80 % or 100 %.</summary>
    public async Task TurnRecordedAsync(string agentId, CancellationToken cancellationToken)
    {
        foreach (var standing in await StandingsAsync(agentId, cancellationToken))
        {
            var percent = standing.Spent ? 100 : standing.Warned ? 80 : 0;
            if (percent == 0 || !warned.TryAdd($"{standing.Period}|{standing.AgentId}|{standing.PeriodKey}|{standing.LimitUsd}|{percent}", 0))
            {
                continue;
            }

            var message = percent == 100 ? Refusal(standing) : standing.Describe() + ". New turns and runs are refused at 100 %.";
            logger.LogWarning("{Message}", message);
            clients.PostToAll(Methods.StatsBudgetWarning, new BudgetWarningNotification
            {
                Period = standing.Period,
                AgentId = standing.AgentId,
                LimitUsd = standing.LimitUsd,
                SpentUsd = standing.SpentUsd,
                Percent = percent,
                Message = message,
            });
        }
    }

    private string Refusal(LimitStanding spent)
        => $"{spent.Describe()}. Raise or remove it under costLimits in {settingsPath} (it is read again at once), or wait for the next {(spent.Period == CostLimitPeriod.Day ? "day" : "month")}.";

    /// <summary>Every configured limit (over all agents first, then each agent's) with its period's spend, for stats/get.</summary>
    public async Task<IReadOnlyList<CostLimitStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        var agents = settings.Current.CostLimits?.Agents?.Keys.Order(StringComparer.Ordinal).Cast<string?>() ?? [];
        return (await StandingsAsync([null, .. agents], cancellationToken))
            .Select(s => new CostLimitStatus { Period = s.Period, AgentId = s.AgentId, LimitUsd = s.LimitUsd, SpentUsd = s.SpentUsd, Percent = s.Percent })
            .ToList();
    }

    private Task<IReadOnlyList<LimitStanding>> StandingsAsync(string agentId, CancellationToken cancellationToken)
        => StandingsAsync([null, agentId], cancellationToken);

    /// <summary>The limits over all agents (null) and those of the given agents.</summary>
    private async Task<IReadOnlyList<LimitStanding>> StandingsAsync(IReadOnlyList<string?> agentIds, CancellationToken cancellationToken)
    {
        var limits = settings.Current.CostLimits;
        if (limits is null)
        {
            return [];
        }

        var wanted = new List<(CostLimitPeriod Period, string? Agent, decimal Limit, string Path)>();
        foreach (var agentId in agentIds)
        {
            if (agentId is null)
            {
                Add(limits.DailyUsd, CostLimitPeriod.Day, null, "costLimits.dailyUsd");
                Add(limits.MonthlyUsd, CostLimitPeriod.Month, null, "costLimits.monthlyUsd");
                continue;
            }

            var agent = limits.Agents is not null && limits.Agents.TryGetValue(agentId, out var own) ? own : null;
            Add(agent?.DailyUsd, CostLimitPeriod.Day, agentId, $"costLimits.agents.{agentId}.dailyUsd");
            Add(agent?.MonthlyUsd, CostLimitPeriod.Month, agentId, $"costLimits.agents.{agentId}.monthlyUsd");
        }

        if (wanted.Count == 0)
        {
            return [];
        }

        await store.SettledAsync(); // the turn that just ended counts
        var (today, monthStart) = await store.LocalPeriodsAsync(cancellationToken);
        var standings = new List<LimitStanding>(wanted.Count);
        foreach (var (period, agentFilter, limit, path) in wanted)
        {
            var from = period == CostLimitPeriod.Day ? today : monthStart;
            var spent = await store.SpentNanoAsync(from, agentFilter, cancellationToken) / 1_000_000_000m;
            standings.Add(new LimitStanding(period, agentFilter, limit, spent, from, path));
        }

        return standings;

        void Add(decimal? limit, CostLimitPeriod period, string? agent, string path)
        {
            if (limit is { } value)
            {
                wanted.Add((period, agent, value, path));
            }
        }
    }
}
