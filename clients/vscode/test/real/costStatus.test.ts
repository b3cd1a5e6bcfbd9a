// Today's cost in the status bar against the real server: real Claude Code turns (scripted model) are counted by
// the server's stats; a daily limit set between them makes the second turn cross 80 %, and the server's
// stats/budgetWarning is shown once while the item takes the warning (or, past 100 %, the error) colour.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recorded } from '../fakes/vscode';
import type { Session, StatsResult } from '../../src/protocol';
import { BudgetWarnings } from '../../src/status/budgetWarnings';
import { CostStatusBar } from '../../src/status/costStatusBar';
import { configureAgent, startModelServer } from '../../../../tests/interop/agents.mjs';
import { startRealHost } from './realServer';
import { newSandbox } from './sandbox';
import { waitFor } from './waitFor';

describe('the cost status bar against the real server', () => {
  const cleanups: (() => unknown)[] = [];
  beforeEach(() => recorded.reset());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("follows today's spend turn by turn and shows the budget warning once", { timeout: 240000 }, async () => {
    const model = await startModelServer();
    cleanups.push(() => model.stop());
    const sandbox = newSandbox();
    cleanups.push(() => sandbox.dispose());
    const host = startRealHost();
    cleanups.push(() => host.dispose());
    configureAgent(host.home, 'claude-code', sandbox, model.modelUrl);
    const bar = new CostStatusBar(host.server, { debounceMs: 0 });
    cleanups.push(() => bar.dispose());
    let opened = 0;
    const warnings = new BudgetWarnings(host.server, () => opened++);
    cleanups.push(() => warnings.dispose());
    const item = recorded.statusBarItems.find((i) => i.id === 'maestro.cost')!;
    await host.server.start();
    await waitFor('the item', () => item.visible && item.text === '$(graph) $0.00');

    const session = await host.server.request<Session>('sessions/create', { agentId: 'claude-code', cwd: sandbox.repo, permissionMode: 'bypass' });
    await model.enqueueTurn([{ text: 'One.' }]);
    await host.server.request('sessions/prompt', { sessionId: session.id, text: 'one' });
    const midnight = new Date(new Date().setHours(0, 0, 0, 0)).toISOString();
    const first = await host.server.request<StatsResult>('stats/get', { since: midnight });
    expect(first.totals.costUsd).toBeGreaterThan(0);
    await waitFor('the first turn in the status bar', () => item.text === `$(graph) $${first.totals.costUsd.toFixed(2)}` || item.text === `$(graph) $${first.totals.costUsd.toFixed(4)}`);
    expect(item.tooltip).toContain('No daily limit is set');

    // A daily limit the first turn uses 90 % of: the second turn crosses it.
    const settingsPath = join(host.home, 'settings.json');
    writeFileSync(settingsPath, JSON.stringify({ ...JSON.parse(readFileSync(settingsPath, 'utf8')), costLimits: { dailyUsd: first.totals.costUsd / 0.9 } }));
    await waitFor('the limit to be read', async () => (await host.server.request<StatsResult>('stats/get', { since: midnight })).limits.length === 1);
    await model.enqueueTurn([{ text: 'Two.' }]);
    await host.server.request('sessions/prompt', { sessionId: session.id, text: 'two' });

    const message = await waitFor('the budget warning', () => recorded.messages.find((m) => m.text.includes('daily cost limit')));
    const now = await host.server.request<StatsResult>('stats/get', { since: midnight });
    const percent = now.limits[0]!.percent;
    expect(percent).toBeGreaterThanOrEqual(90);
    expect(message.level).toBe(percent >= 100 ? 'error' : 'warning');
    expect(message.items).toEqual(['Show Stats']);
    await waitFor('the limit in the status bar', () => item.text.includes(' / $') && item.backgroundColor);
    expect(item.backgroundColor?.id).toBe(percent >= 100 ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
    expect(item.accessibilityInformation?.label).toContain(`daily limit today, ${percent} percent`);
    expect(recorded.messages.filter((m) => m.text.includes('daily cost limit'))).toHaveLength(1);
  });
});
