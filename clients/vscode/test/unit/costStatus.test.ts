import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerMessagesWith, recorded } from '../fakes/vscode';
import type { CostLimitStatus, Session, StatsGetParams, StatsResult } from '../../src/protocol';
import { BudgetWarnings } from '../../src/status/budgetWarnings';
import { CostStatusBar } from '../../src/status/costStatusBar';
import { costText } from '../../src/status/costText';
import { waitFor } from '../real/waitFor';
import { FakeRpcClient } from './fakeRpcClient';

const stats = (costUsd: number, limits: CostLimitStatus[] = [], uncountedTurns = 0): StatsResult => ({
  totals: { sessions: 1, turns: 2, runtimeMs: 1, busyMs: 1, inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd, uncountedTurns, tasksDone: 0 },
  groups: [],
  limits,
});
const daily = (limitUsd: number, spentUsd: number, percent: number): CostLimitStatus => ({ period: 'day', limitUsd, spentUsd, percent });
const session = (id: string, costUsd: number, outputTokens = 10): Session =>
  ({ id, name: id, agentId: 'claude-code', cwd: '/r', status: 'idle', usage: { inputTokens: 100, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd } }) as unknown as Session;

describe('costText', () => {
  it("without a limit: today's spend, and where a limit is set", () => {
    const t = costText(stats(1.234, [], 2));
    expect(t.text).toBe('$(graph) $1.23');
    expect(t.tooltip).toContain('No daily limit is set (costLimits.dailyUsd in settings.json)');
    expect(t.tooltip).toContain('2 turns without a reported cost');
    expect(t.label).toBe('Maestro: agents spent $1.23 today; no daily limit');
    expect(t.state).toBe('ok');
  });

  it('with the daily limit over all agents: ok, warning from 80 %, spent from 100 %; per-agent limits are not it', () => {
    expect(costText(stats(1, [{ ...daily(0.5, 1, 200), agentId: 'codex' }])).text).toBe('$(graph) $1.00');
    const ok = costText(stats(1, [daily(5, 1, 20)]));
    expect([ok.text, ok.state]).toEqual(['$(graph) $1.00 / $5.00', 'ok']);
    expect(ok.tooltip).toContain('$1.00 of the $5.00 daily limit spent today (20 %)');
    expect(ok.label).toBe('Maestro: agents spent $1.00 of the $5.00 daily limit today, 20 percent');
    expect(costText(stats(4, [daily(5, 4, 80)])).state).toBe('warning');
    const spent = costText(stats(6, [daily(5, 6, 120)]));
    expect(spent.state).toBe('spent');
    expect(spent.tooltip).toContain('new turns and runs are refused');
    expect(costText(stats(0.004, [])).text).toBe('$(graph) $0.0040');
  });
});

describe('CostStatusBar', () => {
  beforeEach(() => recorded.reset());
  const bars: CostStatusBar[] = [];
  afterEach(() => bars.splice(0).forEach((b) => b.dispose()));

  it("asks stats/get since the local midnight when the server is ready, and shows the figure with the limit's colour", async () => {
    const server = new FakeRpcClient();
    server.state = 'starting';
    let answer = stats(0.5, [daily(1, 0.5, 50)]);
    server.handlers.set('stats/get', () => answer);
    bars.push(new CostStatusBar(server, { debounceMs: 0, now: () => new Date(2026, 5, 3, 14, 30) }));
    const item = recorded.statusBarItems.find((i) => i.id === 'maestro.cost')!;
    expect(item.visible).toBe(false);
    server.setState('ready');
    await waitFor('the item', () => item.visible);
    expect(server.requests.map((r) => r.params as StatsGetParams)).toEqual([{ since: new Date(2026, 5, 3).toISOString() }]);
    expect(item.text).toBe('$(graph) $0.50 / $1.00');
    expect(item.command).toBe('maestro.showStats');
    expect(item.accessibilityInformation).toEqual({ label: 'Maestro: agents spent $0.50 of the $1.00 daily limit today, 50 percent', role: 'button' });
    expect(item.backgroundColor).toBeUndefined();

    // A turn's end (the session leaves running, its usage moved): read again; the warning colour at 80 %. While the
    // turn runs its usage moves too, but the server has not stored the turn yet: no read then.
    answer = stats(0.85, [daily(1, 0.85, 85)]);
    server.notify('sessions/changed', { session: { ...session('s1', 0.2), status: 'running' } });
    server.notify('sessions/changed', { session: { ...session('s1', 0.35), status: 'running' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(server.requests).toHaveLength(1);
    server.notify('sessions/changed', { session: session('s1', 0.35) });
    await waitFor('the warning', () => item.backgroundColor);
    expect(item.backgroundColor?.id).toBe('statusBarItem.warningBackground');
    expect(item.text).toBe('$(graph) $0.85 / $1.00');

    // A change that does not move the usage (a rename, a status) is not worth a read.
    const reads = server.requests.length;
    server.notify('sessions/changed', { session: { ...session('s1', 0.35), name: 'renamed' } });
    server.notify('runs/progress', { run: { id: 'r' }, event: 'taskStarted' });
    answer = stats(1.2, [daily(1, 1.2, 120)]);
    // The end of a run is.
    server.notify('runs/progress', { run: { id: 'r' }, event: 'finished' });
    await waitFor('the error colour', () => item.backgroundColor?.id === 'statusBarItem.errorBackground');
    expect(server.requests.length).toBe(reads + 1);
  });

  it('a server without stats (-32601) hides the item', async () => {
    const server = new FakeRpcClient();
    server.handlers.set('stats/get', () => stats(0.1));
    bars.push(new CostStatusBar(server, { debounceMs: 0 }));
    const item = recorded.statusBarItems.find((i) => i.id === 'maestro.cost')!;
    await waitFor('the item', () => item.visible);
    // The server was replaced by one without stats (the fake answers -32601 for a method it has no answer for).
    server.handlers.delete('stats/get');
    server.setState('ready');
    await waitFor('the item to hide', () => !item.visible);
    expect(server.requests).toHaveLength(2);
  });
});

describe('BudgetWarnings', () => {
  beforeEach(() => recorded.reset());

  it('shows each warning once (80 % a warning, 100 % an error), and Show Stats opens the stats', async () => {
    const server = new FakeRpcClient();
    let opened = 0;
    answerMessagesWith(async () => 'Show Stats');
    const warnings = new BudgetWarnings(server, () => opened++);
    const warn = (percent: number, agentId?: string) => server.notify('stats/budgetWarning', { period: 'day', agentId, limitUsd: 1, spentUsd: percent / 100, percent, message: `The daily cost limit is ${percent}% spent` });
    warn(80);
    warn(80);
    warn(80, 'codex');
    warn(100);
    warn(100);
    expect(recorded.messages.map((m) => [m.level, m.text, m.items])).toEqual([
      ['warning', 'Maestro: The daily cost limit is 80% spent', ['Show Stats']],
      ['warning', 'Maestro: The daily cost limit is 80% spent', ['Show Stats']],
      ['error', 'Maestro: The daily cost limit is 100% spent', ['Show Stats']],
    ]);
    await waitFor('Show Stats', () => opened === 3);
    warnings.dispose();
  });
});
