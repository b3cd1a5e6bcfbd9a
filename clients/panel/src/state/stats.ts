// The Stats tab's data: what stats/get and stats/leaderboard answered, and how it becomes chart series. Pure
// functions of the answers, so the unit tests check the numbers the charts draw.
import type { BudgetWarningNotification, CostLimitStatus, StatsLeaderboardResult, StatsResult, StatsTotals } from '../../../protocol/protocol';

/** How many days the per-day charts show, today included. */
export const statsDays = 14;
/** Agents drawn on their own in the per-day charts; the rest are summed as "other agents". */
export const maxChartAgents = 5;
/** The share of a limit at which the editors are warned (the server's threshold). */
export const warnPercent = 80;

export interface StatsData {
  /** Local calendar days, oldest first, as the server keys them (YYYY-MM-DD). */
  days: string[];
  /** The window's totals per agent, largest cost first. */
  agents: { agentId: string; totals: StatsTotals }[];
  /** Per agent drawn on its own: its totals per day key. */
  perAgentDays: Map<string, Map<string, StatsTotals>>;
  /** Every agent's totals per day key. */
  allDays: Map<string, StatsTotals>;
  today: StatsTotals;
  limits: CostLimitStatus[];
  leaderboard: StatsLeaderboardResult;
}

export type StatsState =
  | { state: 'idle' | 'loading' }
  | { state: 'unavailable'; message: string }
  | { state: 'error'; message: string }
  | { state: 'ready'; data: StatsData; loadedAt: number };

/** YYYY-MM-DD of a local date (the server's day keys are local days too). */
export function dayKey(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight of `now`'s day, `back` days before. */
export function localMidnight(now: Date, back = 0): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - back);
}

/** The chart window: `count` local days ending today. */
export function windowDays(now: Date, count = statsDays): string[] {
  return Array.from({ length: count }, (_, i) => dayKey(localMidnight(now, count - 1 - i)));
}

export function byKey(result: StatsResult): Map<string, StatsTotals> {
  return new Map(result.groups.map((g) => [g.key, g.totals]));
}

/** One stacked series of a per-day chart: its label and a value per day. */
export interface DaySeries {
  label: string;
  values: number[];
}

/**
 * A per-day measure split by agent: one series per agent drawn on its own (largest first), then "other agents"
 * for the remainder of each day's total, left out when it is zero everywhere.
 */
export function splitByAgent(data: StatsData, measure: (t: StatsTotals) => number): DaySeries[] {
  const series: DaySeries[] = [];
  for (const { agentId } of data.agents) {
    const days = data.perAgentDays.get(agentId);
    if (!days) continue;
    series.push({ label: agentId, values: data.days.map((d) => measure(days.get(d) ?? zeroTotals)) });
  }
  const other = data.days.map((d, i) => {
    const all = measure(data.allDays.get(d) ?? zeroTotals);
    return round(all - series.reduce((sum, s) => sum + s.values[i]!, 0));
  });
  if (other.some((v) => v > 0)) series.push({ label: 'other agents', values: other });
  return series;
}

/** Running sums over the series, for bars drawn one over the other (the last series is the day's total). */
export function stack(series: DaySeries[]): number[][] {
  const sums: number[][] = [];
  series.forEach((s, i) => sums.push(s.values.map((v, d) => round((i > 0 ? sums[i - 1]![d]! : 0) + v))));
  return sums;
}

export const costOf = (t: StatsTotals): number => t.costUsd;
export const tokensOf = (t: StatsTotals): number => t.inputTokens + t.outputTokens + t.cacheReadTokens + t.cacheWriteTokens;

/** Where today's spend stands against the limit over all agents (the one the status bar shows). */
export interface Standing {
  spentUsd: number;
  limitUsd?: number;
  percent?: number;
  state: 'none' | 'ok' | 'warning' | 'spent';
}

export function standingOf(spentUsd: number, limit: CostLimitStatus | undefined): Standing {
  if (!limit) return { spentUsd, state: 'none' };
  const state = limit.percent >= 100 ? 'spent' : limit.percent >= warnPercent ? 'warning' : 'ok';
  return { spentUsd: limit.spentUsd, limitUsd: limit.limitUsd, percent: limit.percent, state };
}

/** The daily limit over all agents, if one is set. */
export function dailyLimit(limits: readonly CostLimitStatus[]): CostLimitStatus | undefined {
  return limits.find((l) => l.period === 'day' && !l.agentId);
}

/** The latest budget warning per limit, newest last; a warning of a limit replaces its older one. */
export function addWarning(warnings: readonly BudgetWarningNotification[], warning: BudgetWarningNotification): BudgetWarningNotification[] {
  const same = (w: BudgetWarningNotification): boolean => w.period === warning.period && (w.agentId ?? '') === (warning.agentId ?? '');
  return [...warnings.filter((w) => !same(w)), warning];
}

export const zeroTotals: StatsTotals = {
  sessions: 0, turns: 0, runtimeMs: 0, busyMs: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, uncountedTurns: 0, tasksDone: 0,
};

/** Money in floating point: keep sums of cents exact enough to compare. */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
