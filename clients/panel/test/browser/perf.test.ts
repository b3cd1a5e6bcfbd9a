// A burst of 10,000 sessions/event notifications through the bridge into an open session, in real Chromium.
// Measures the longest frame (requestAnimationFrame deltas) and long tasks while the burst is applied and rendered;
// reports them in test-results/perf.json. Timings never decide the test: it checks the burst was fully applied.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Session } from '../../../protocol/protocol';
import { launchBrowser, type Browser } from '../host/browser';
import { PageHost } from '../host/pageHost';
import { panelRoot, startStaticServer, type StaticServer } from '../host/staticServer';
import { syntheticEvents } from '../support/syntheticEvents';

const results = join(panelRoot, 'test-results');
const burst = 10_000;
const session: Session = {
  id: 's_perf', name: 'Perf session', agentId: 'claude-code', cwd: '/tmp/perf', status: 'running', permissionMode: 'bypass',
  lastSeq: 0, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 },
};

let web: StaticServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  web = await startStaticServer();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await web?.close();
});

test('a burst of 10,000 events is applied and rendered, with its longest frame reported', { timeout: 120_000 }, async () => {
  const { page } = browser;
  // A stand-in server: one session with no history yet, nothing else.
  const host = new PageHost(page, { kind: 'hostInfo', host: 'browser', workspaceFolders: ['/tmp/perf'], hostActions: [], settings: {} }, {
    request: async (method) => {
      switch (method) {
        case 'sessions/list': return { sessions: [session] };
        case 'agents/list': return { agents: [] };
        case 'runs/list': return { runs: [] };
        case 'sessions/history': return { events: [], hasMore: false };
        default: throw { code: -32601, message: `${method} is not in this test` };
      }
    },
  });
  await host.attach();
  await page.goto(web.url);
  await page.getByRole('option', { name: /Perf session/ }).click();
  await page.getByRole('textbox', { name: 'Prompt' }).waitFor();

  // In the page: watch frames and long tasks, then deliver every notification as its own task (as a host's
  // postMessage would), and stop when the last row is on screen.
  const measured = await page.evaluate(async ({ count, notifications }) => {
    type Receive = (m: unknown) => void;
    const receive = (window as unknown as { maestroReceive: Receive }).maestroReceive;
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    observer.observe({ type: 'longtask', buffered: false });
    const frames: number[] = [];
    let last = performance.now();
    let watching = true;
    const tick = (now: number): void => {
      frames.push(now - last);
      last = now;
      if (watching) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);

    const started = performance.now();
    const channel = new MessageChannel();
    let seq = 0;
    channel.port1.onmessage = () => {
      seq++;
      receive({ kind: 'notification', method: 'sessions/event', params: notifications[seq - 1] });
      if (seq < count) channel.port2.postMessage(null);
    };
    channel.port2.postMessage(null);
    await new Promise<void>((done) => {
      const poll = (): void => {
        if (document.querySelector(`.row[data-seq="${count}"]`)) done();
        else requestAnimationFrame(poll);
      };
      poll();
    });
    const elapsedMs = performance.now() - started;
    await new Promise((r) => requestAnimationFrame(r));
    watching = false;
    observer.disconnect();
    return {
      elapsedMs,
      frames: frames.length,
      longestFrameMs: Math.max(...frames.slice(1)),
      longTasks: longTasks.length,
      longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
      rowsInDom: document.querySelectorAll('.vlist .row').length,
    };
  }, { count: burst, notifications: syntheticEvents(session.id, burst) });

  const report = { events: burst, ...measured, note: 'each notification delivered as its own task, like postMessage; headless Chromium on this machine' };
  writeFileSync(join(results, 'perf.json'), JSON.stringify(report, null, 2));
  console.log('panel perf:', JSON.stringify(report));
  expect(measured.rowsInDom).toBeGreaterThan(0);
  expect(measured.rowsInDom).toBeLessThan(200);
  expect(await browser.cspViolations()).toEqual([]);
});
