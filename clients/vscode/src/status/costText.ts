import type { StatsResult } from '../protocol';

/** The share of a limit at which the server warns (and the status bar turns to its warning colour). */
const warnPercent = 80;

export interface CostText {
  text: string;
  tooltip: string;
  /** What a screen reader says: the numbers in words, not codicons. */
  label: string;
  state: 'ok' | 'warning' | 'spent';
}

/**
 * The cost status bar item: today's spend (stats/get since the local midnight) and, when one is set, the daily limit
 * over all agents with how much of it is used.
 */
export function costText(today: StatsResult): CostText {
  const spent = usd(today.totals.costUsd);
  const limit = today.limits.find((l) => l.period === 'day' && !l.agentId);
  const uncounted = today.totals.uncountedTurns > 0 ? `\n${today.totals.uncountedTurns} ${today.totals.uncountedTurns === 1 ? 'turn' : 'turns'} without a reported cost: counted by tokens, not in money.` : '';
  if (!limit) {
    return {
      text: `$(graph) ${spent}`,
      tooltip: `Maestro: ${spent} spent by agents today. No daily limit is set (costLimits.dailyUsd in settings.json).${uncounted}\nClick for the stats.`,
      label: `Maestro: agents spent ${spent} today; no daily limit`,
      state: 'ok',
    };
  }
  const state = limit.percent >= 100 ? 'spent' : limit.percent >= warnPercent ? 'warning' : 'ok';
  const word = state === 'spent' ? ' The limit is spent: new turns and runs are refused.' : state === 'warning' ? ' The limit is nearly spent.' : '';
  return {
    text: `$(graph) ${usd(limit.spentUsd)} / ${usd(limit.limitUsd)}`,
    tooltip: `Maestro: ${usd(limit.spentUsd)} of the ${usd(limit.limitUsd)} daily limit spent today (${limit.percent} %).${word}${uncounted}\nClick for the stats.`,
    label: `Maestro: agents spent ${usd(limit.spentUsd)} of the ${usd(limit.limitUsd)} daily limit today, ${limit.percent} percent`,
    state,
  };
}

function usd(value: number): string {
  return value !== 0 && Math.abs(value) < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}
