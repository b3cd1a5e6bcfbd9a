// @vitest-environment happy-dom
// The Stats tab over an in-memory host: what it asks stats/get and stats/leaderboard, the numbers it draws (each
// chart's table), today's spend against the daily limit with the 80 % warning state, a budget warning, and a
// server without stats. The charts' canvas is drawn only in Chromium (test/browser/stats.test.ts).
import { afterEach, describe, expect, test } from 'vitest';
import type { CostLimitStatus, StatsGetParams, StatsLeaderboardResult, StatsTotals } from '../../../protocol/protocol';
import { dayKey, localMidnight, splitByAgent, stack, standingOf, windowDays, zeroTotals, type StatsData } from '../../src/state/stats';
import { formatDuration } from '../../src/views/stats/statsFormat';
import { FakeHost, mountPanel } from '../support/fakeHost';

const totals = (t: Partial<StatsTotals>): StatsTotals => ({ ...zeroTotals, ...t });
const today = dayKey(new Date());
const yesterday = dayKey(localMidnight(new Date(), 1));

const leaderboard: StatsLeaderboardResult = {
  autoRunMs: 3_900_000,
  rank: { level: 3, name: 'Hour of Power', fromMs: 3_600_000 },
  nextRank: { level: 4, name: 'Half-Day Hero', fromMs: 14_400_000 },
  longestRuns: [
    { runId: 'r1', playbook: '/repo/playbooks/release.md', agentId: 'claude-code', outcome: 'done', durationMs: 2_700_000, tasksAttempted: 5, tasksDone: 5, tasksFailed: 0, costUsd: 1.5, startedAt: '2026-01-01T00:00:00Z' },
    { runId: 'r2', playbook: '/repo/playbooks/docs.md', agentId: 'codex', outcome: 'taskFailed', durationMs: 1_200_000, tasksAttempted: 3, tasksDone: 2, tasksFailed: 1, costUsd: 0.5, startedAt: '2026-01-02T00:00:00Z' },
  ],
  mostTasks: [],
  agents: [{ agentId: 'claude-code', autoRunMs: 2_700_000, runs: 1, tasksAttempted: 5, tasksDone: 4, successRate: 0.8, costUsd: 1.5, costPerTaskUsd: 0.375 }],
};

/** A server with two agents: claude-code $3 yesterday and $1 today, codex $0.50 today; a daily limit of $2 (75 %, or 80 % when asked). */
function statsHost(limits: CostLimitStatus[] = [{ period: 'day', limitUsd: 2, spentUsd: 1.5, percent: 75 }]): FakeHost {
  return new FakeHost({
    'sessions/list': () => ({ sessions: [] }),
    'agents/list': () => ({ agents: [] }),
    'runs/list': () => ({ runs: [] }),
    'stats/leaderboard': () => leaderboard,
    'stats/get': (raw) => {
      const p = raw as StatsGetParams;
      const claude = new Map([[yesterday, totals({ costUsd: 3, inputTokens: 3000, outputTokens: 300 })], [today, totals({ costUsd: 1, inputTokens: 1000, outputTokens: 100 })]]);
      const codex = new Map([[today, totals({ costUsd: 0.5, inputTokens: 500, outputTokens: 50, uncountedTurns: 1 })]]);
      const result = (groups: [string, StatsTotals][], all: StatsTotals) => ({ totals: all, groupBy: p.groupBy, groups: groups.map(([key, t]) => ({ key, totals: t })), limits });
      if (p.groupBy === 'agent') {
        return result([['claude-code', totals({ costUsd: 4, runtimeMs: 600_000, busyMs: 500_000 })], ['codex', totals({ costUsd: 0.5, runtimeMs: 900_000, busyMs: 900_000 })]], totals({ costUsd: 4.5 }));
      }
      if (p.groupBy === 'day' && p.agentId === 'claude-code') return result([...claude], totals({ costUsd: 4 }));
      if (p.groupBy === 'day' && p.agentId === 'codex') return result([...codex], totals({ costUsd: 0.5 }));
      if (p.groupBy === 'day') return result([[yesterday, totals({ costUsd: 3, inputTokens: 3000, outputTokens: 300 })], [today, totals({ costUsd: 1.75, inputTokens: 1600, outputTokens: 160 })]], totals({ costUsd: 4.75 }));
      return result([], totals({ costUsd: 1.5, uncountedTurns: 1 }));
    },
  });
}

async function openStats(fake: FakeHost) {
  const panel = await mountPanel(fake);
  panel.root.querySelector<HTMLElement>('#tab-stats')!.click();
  await panel.flush();
  await panel.flush();
  return panel;
}

/** A chart's numbers table as rows of cells. */
function numbers(root: HTMLElement, caption: string): string[][] {
  const table = [...root.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent === caption)!;
  return [...table.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? ''));
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('stats state', () => {
  const data = (): StatsData => ({
    days: ['2026-03-01', '2026-03-02'],
    agents: [{ agentId: 'a', totals: zeroTotals }, { agentId: 'b', totals: zeroTotals }, { agentId: 'c', totals: zeroTotals }],
    perAgentDays: new Map([['a', new Map([['2026-03-01', totals({ costUsd: 0.1 })]])], ['b', new Map([['2026-03-02', totals({ costUsd: 0.2 })]])]]),
    allDays: new Map([['2026-03-01', totals({ costUsd: 0.1 })], ['2026-03-02', totals({ costUsd: 0.3 })]]),
    today: zeroTotals,
    limits: [],
    leaderboard,
  });

  test('a per-day measure splits by agent; what the drawn agents leave of a day is "other agents"', () => {
    const series = splitByAgent(data(), (t) => t.costUsd);
    expect(series).toEqual([{ label: 'a', values: [0.1, 0] }, { label: 'b', values: [0, 0.2] }, { label: 'other agents', values: [0, 0.1] }]);
    expect(stack(series)).toEqual([[0.1, 0], [0.1, 0.2], [0.1, 0.3]]);
  });

  test('no "other agents" when the drawn agents are the whole day', () => {
    const d = data();
    d.allDays.set('2026-03-02', totals({ costUsd: 0.2 }));
    expect(splitByAgent(d, (t) => t.costUsd).map((s) => s.label)).toEqual(['a', 'b']);
  });

  test('the standing against a limit: none, ok below 80 %, warning from 80 %, spent from 100 %', () => {
    expect(standingOf(1, undefined).state).toBe('none');
    expect(standingOf(0, { period: 'day', limitUsd: 10, spentUsd: 7.99, percent: 79 }).state).toBe('ok');
    expect(standingOf(0, { period: 'day', limitUsd: 10, spentUsd: 8, percent: 80 }).state).toBe('warning');
    expect(standingOf(0, { period: 'day', limitUsd: 10, spentUsd: 10, percent: 100 })).toEqual({ spentUsd: 10, limitUsd: 10, percent: 100, state: 'spent' });
  });

  test('the window is 14 local days ending today', () => {
    const days = windowDays(new Date(2026, 2, 5, 15, 30));
    expect(days).toHaveLength(14);
    expect(days[0]).toBe('2026-02-20');
    expect(days.at(-1)).toBe('2026-03-05');
  });

  test('durations read as people say them', () => {
    expect([formatDuration(45_000), formatDuration(720_000), formatDuration(3_900_000), formatDuration(50 * 3_600_000)]).toEqual(['45 s', '12 min', '1 h 05 min', '2 d 2 h']);
  });
});

describe('stats view', () => {
  test('asks for the last 14 local days per agent, per day, per drawn agent per day, today, and the leaderboard', async () => {
    const fake = statsHost();
    await openStats(fake);
    const asked = fake.requests('stats/get').map((r) => r.params as StatsGetParams);
    const since = localMidnight(new Date(), 13).toISOString();
    expect(asked).toEqual(expect.arrayContaining([
      { since, groupBy: 'agent' },
      { since, groupBy: 'day' },
      { since: localMidnight(new Date()).toISOString() },
      { since, groupBy: 'day', agentId: 'claude-code' },
      { since, groupBy: 'day', agentId: 'codex' },
    ]));
    expect(asked).toHaveLength(5);
    expect(fake.requests('stats/leaderboard').map((r) => r.params)).toEqual([{ limit: 10 }]);
  });

  test('draws cost and tokens per day split by agent, time per agent and the longest runs, each with its numbers', async () => {
    const panel = await openStats(statsHost());
    const view = panel.root.querySelector<HTMLElement>('.stats-view')!;
    const cost = numbers(view, 'Cost per day, by agent');
    expect(cost[0]).toEqual(['Day', 'claude-code', 'codex', 'other agents']);
    expect(cost).toHaveLength(15);
    expect(cost.find((r) => r[0] === yesterday)).toEqual([yesterday, '$3.00', '$0.00', '$0.00']);
    expect(cost.find((r) => r[0] === today)).toEqual([today, '$1.00', '$0.50', '$0.25']);
    expect(numbers(view, 'Tokens per day, by agent').find((r) => r[0] === today)).toEqual([today, '1.1k', '550', '110']);
    expect(numbers(view, 'Time per agent (busy and waiting)').slice(1)).toEqual([['codex', '15 min', '0 s'], ['claude-code', '8 min', '1 min']]);
    expect(numbers(view, 'Longest Playbook runs').slice(1)).toEqual([['release.md', '45 min'], ['docs.md', '20 min']]);
    // Every chart is a focusable figure named by its caption, its canvas hidden from screen readers.
    const figures = [...view.querySelectorAll<HTMLElement>('figure.stats-chart')];
    expect(figures.map((f) => f.tabIndex)).toEqual([0, 0, 0, 0]);
    expect(figures.map((f) => view.querySelector(`#${f.getAttribute('aria-labelledby')}`)?.textContent)).toEqual(['Cost per day, by agent', 'Tokens per day, by agent', 'Time per agent (busy and waiting)', 'Longest Playbook runs']);
    expect(figures.every((f) => f.querySelector('.stats-canvas')?.getAttribute('aria-hidden') === 'true')).toBe(true);
  });

  test('the leaderboard: rank, longest runs, and per-agent success rate and cost per completed task', async () => {
    const panel = await openStats(statsHost());
    const view = panel.root.querySelector<HTMLElement>('.stats-view')!;
    expect(view.querySelector('.stats-rank')?.textContent).toBe('Playbook run time 1 h 05 min · rank: Hour of Power (level 3) · next: Half-Day Hero at 4 h 00 min');
    expect(numbers(view, 'Longest unattended runs').slice(1)).toEqual([
      ['1', 'release.md', 'claude-code', '45 min', '5 done', 'done', '$1.50'],
      ['2', 'docs.md', 'codex', '20 min', '2 done, 1 failed', 'taskFailed', '$0.50'],
    ]);
    expect(numbers(view, 'Most tasks completed').slice(1)).toEqual([['None yet.']]);
    expect(numbers(view, 'Agents').slice(1)).toEqual([['claude-code', '1', '45 min', '4 of 5', '80 %', '$0.38']]);
  });

  test("today's spend against the daily limit: plain below 80 %, the warning state from 80 %, refused at 100 %", async () => {
    let panel = await openStats(statsHost());
    let today = panel.root.querySelector<HTMLElement>('.stats-today')!;
    expect(today.classList.contains('stats-ok')).toBe(true);
    expect(today.querySelector('.stats-today-line')?.textContent).toBe('Today: $1.50 of the $2.00 daily limit (75 %, used)');
    expect(today.querySelector('progress')?.getAttribute('value')).toBe('1.5');
    expect(today.textContent).toContain('1 turn today without a reported cost: counted by tokens, not in money.');
    document.body.innerHTML = '';

    panel = await openStats(statsHost([{ period: 'day', limitUsd: 2, spentUsd: 1.6, percent: 80 }, { period: 'month', agentId: 'codex', limitUsd: 10, spentUsd: 9.5, percent: 95 }]));
    today = panel.root.querySelector<HTMLElement>('.stats-today')!;
    expect(today.classList.contains('stats-warning')).toBe(true);
    expect(today.querySelector('.stats-today-line')?.textContent).toBe('Today: $1.60 of the $2.00 daily limit (80 %, nearly spent)');
    expect(today.querySelector('.stats-limit')?.textContent).toBe('Monthly limit for codex: $9.50 of $10.00 this month (95 %)');
    expect(today.querySelector('.stats-limit')?.classList.contains('stats-warning')).toBe(true);
    document.body.innerHTML = '';

    panel = await openStats(statsHost([{ period: 'day', limitUsd: 1, spentUsd: 1.5, percent: 150 }]));
    today = panel.root.querySelector<HTMLElement>('.stats-today')!;
    expect(today.classList.contains('stats-spent')).toBe(true);
    expect(today.querySelector('.stats-today-line')?.textContent).toBe('Today: $1.50 of the $1.00 daily limit (150 %, spent: new turns and runs are refused)');
    expect(today.querySelector('progress')?.getAttribute('value')).toBe('1');
  });

  test('without a limit it says where to set one', async () => {
    const panel = await openStats(statsHost([]));
    expect(panel.root.querySelector('.stats-today-line')?.textContent).toBe('Today: $1.50 · no daily limit set (costLimits.dailyUsd in settings.json)');
    expect(panel.root.querySelector('.stats-today progress')).toBeNull();
  });

  test('a budget warning from the server shows as an alert in the tab, the latest per limit', async () => {
    const fake = statsHost();
    const panel = await openStats(fake);
    const warn = (percent: number) => fake.deliver({ kind: 'notification', method: 'stats/budgetWarning', params: { period: 'day', limitUsd: 2, spentUsd: percent / 50, percent, message: `The daily cost limit is ${percent}% spent` } });
    warn(80);
    await panel.flush();
    warn(100);
    await panel.flush();
    expect([...panel.root.querySelectorAll('.stats-today [role="alert"]')].map((a) => a.textContent)).toEqual(['The daily cost limit is 100% spent']);
  });

  test('Refresh asks again and keeps the numbers on screen meanwhile', async () => {
    const fake = statsHost();
    const panel = await openStats(fake);
    panel.root.querySelector<HTMLButtonElement>('#stats-refresh')!.click();
    expect(panel.store.stats.state).toBe('ready');
    await panel.flush();
    await panel.flush();
    expect(fake.requests('stats/leaderboard')).toHaveLength(2);
    expect(panel.root.querySelector('.stats-today-line')?.textContent).toContain('$1.50');
  });

  test('the Stats tab is reached with the arrow keys from the tab list (the last tab, left of Sessions)', async () => {
    const panel = await mountPanel(statsHost());
    const sessions = panel.root.querySelector<HTMLElement>('#tab-sessions')!;
    sessions.focus();
    sessions.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true }));
    await panel.flush();
    await panel.flush();
    expect(document.activeElement?.id).toBe('tab-stats');
    expect(panel.root.querySelector('#tab-stats')?.getAttribute('aria-selected')).toBe('true');
    expect(panel.root.querySelector('.stats-view .stats-today')).not.toBeNull();
  });

  test("the host's showTab opens the Stats tab (VS Code's Show Stats); a tab it does not know is ignored", async () => {
    const fake = statsHost();
    const panel = await mountPanel(fake);
    fake.deliver({ kind: 'showTab', tab: 'nonsense' as 'stats' });
    await panel.flush();
    expect(panel.root.querySelector('#tab-sessions')?.getAttribute('aria-selected')).toBe('true');
    fake.deliver({ kind: 'showTab', tab: 'stats' });
    await panel.flush();
    await panel.flush();
    expect(panel.root.querySelector('#tab-stats')?.getAttribute('aria-selected')).toBe('true');
    expect(fake.requests('stats/leaderboard')).toHaveLength(1);
    expect(panel.root.querySelector('.stats-today-line')?.textContent).toContain('daily limit');
  });

  test('a server without stats says so plainly', async () => {
    const fake = new FakeHost({ 'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: [] }), 'runs/list': () => ({ runs: [] }) });
    const panel = await openStats(fake);
    expect(panel.root.querySelector('.stats-view')?.textContent).toBe('Usage stats are not available in this server yet');
  });

  test('another failure is shown with Try again', async () => {
    const fake = statsHost();
    fake.answers['stats/leaderboard'] = () => {
      throw { code: -32603, message: 'database is locked' };
    };
    const panel = await openStats(fake);
    expect(panel.root.querySelector('.stats-view .error-message')?.textContent).toContain('database is locked');
    expect(panel.root.querySelector('#stats-refresh')?.textContent).toBe('Try again');
  });
});
