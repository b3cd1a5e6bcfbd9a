// Issue 22's look, in real Chromium: the built panel under the --vscode-* variables of VS Code's Light Modern, Dark
// Modern and High Contrast themes (test/support/vscodeThemes.ts), then in a 170 px sidebar. Screenshots go to
// test-results/themes-*.png; contrast is measured from computed styles: button labels and status text ≥ 4.5:1 against
// what is behind them, status badge outlines and High Contrast button borders ≥ 3:1, no text under 11 px, no one-letter-
// per-line wrapping and a tooltip on every truncated text at 170 px; last, with no --vscode-* variable at all (Rider's
// JCEF and the phone), the panel's own light and dark fallbacks.
// The server is a STAND-IN (PageHost answering from fixed data shaped like tests/exchanges): what is measured is the
// panel's rendering, and a real server and agent would add half a minute without changing a pixel.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PermissionRequestParams, Run, Session, SessionEventNotification } from '../../../protocol/protocol';
import { launchBrowser, type Browser } from '../host/browser';
import { PageHost } from '../host/pageHost';
import { panelRoot, startStaticServer, type StaticServer } from '../host/staticServer';
import { measureContrast, measureText } from '../support/measure';
import { themes, type VscodeTheme } from '../support/vscodeThemes';

const results = join(panelRoot, 'test-results');
const repo = '/work/acme';
const usage = (costUsd: number) => ({ inputTokens: 1200, outputTokens: 300, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const session = (id: string, name: string, overrides: Partial<Session> = {}): Session => ({
  id, name, agentId: 'claude-code', cwd: repo, status: 'idle', permissionMode: 'acceptEdits', lastSeq: 0, createdAt: minutesAgo(100 - id.length),
  updatedAt: minutesAgo(3), usage: usage(0.0123), ...overrides,
});
const sessions: Session[] = [
  session('s_wait', 'Add a greeting file', { status: 'running', permissionMode: 'ask', lastSeq: 12, createdAt: minutesAgo(1) }),
  session('s_done', 'Fix the login page so that a very long name has to be truncated', { usage: usage(1.2345) }),
  session('s_fail', 'Upgrade the build', { status: 'failed' }),
  session('s_closed', 'Old experiment', { status: 'closed', updatedAt: minutesAgo(60 * 30) }),
  session('t_1', 'Task: write the intro'),
  session('t_2', 'Task: fix the typo', { status: 'running' }),
  session('s_remote', 'Nightly on the build box', { host: 'buildbox', cwd: '/srv/acme' }),
  session('s_other', 'Script in another repository', { cwd: '/work/tools' }),
];
const run: Run = {
  id: 'r_1', playbook: `${repo}/.maestro/playbooks/notes/playbook.yaml`, agentId: 'claude-code', status: 'running', total: 2, done: 1, failed: 0, loop: 1,
  sessionIds: ['t_1', 't_2'], startedAt: minutesAgo(20), usage: usage(0.5), loops: 1, tasksRun: 2,
};
const event = (seq: number, e: SessionEventNotification['event']): SessionEventNotification => ({ sessionId: 's_wait', seq, time: minutesAgo(2), event: e });
const history: SessionEventNotification[] = [
  event(1, { type: 'prompt', turnId: 't1', text: 'Summarise the build and list the files' }),
  event(2, { type: 'status', status: 'running', turnId: 't1' }),
  event(3, { type: 'toolCall', toolCallId: 'c1', kind: 'read', title: `Read ${repo}/src/build/configuration-loader.ts`, input: { file_path: `${repo}/src/build/configuration-loader.ts` }, status: 'completed' }),
  event(4, { type: 'toolCall', toolCallId: 'c2', kind: 'execute', title: 'make test', input: { command: 'make test' }, status: 'failed' }),
  event(5, { type: 'fileChange', path: `${repo}/src/build/configuration-loader.ts`, change: 'modified' }),
  event(6, {
    type: 'message', role: 'assistant', text: '## Build\n\n| Step | Time |\n|---|---|\n| test | 3 s |\n\n```ts\nconst x = 1; // ok\n```',
    html: '<h2>Build</h2>\n<table>\n<thead>\n<tr>\n<th>Step</th>\n<th>Time</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>test</td>\n<td>3 s</td>\n</tr>\n</tbody>\n</table>\n<pre><code class="language-ts">const x = 1; // ok\n</code></pre>\n',
  }),
  event(7, { type: 'usage', usage: usage(0.0123) }),
  event(8, { type: 'status', status: 'idle', turnId: 't1', stopReason: 'endTurn' }),
  event(9, { type: 'message', role: 'notice', text: 'Reconnecting... 1/5', html: '<p>Reconnecting... 1/5</p>' }),
  event(10, { type: 'message', role: 'notice', text: 'Reconnecting... 2/5', html: '<p>Reconnecting... 2/5</p>' }),
  event(11, { type: 'prompt', turnId: 't2', text: 'Add greeting.txt saying hello' }),
  event(12, { type: 'status', status: 'running', turnId: 't2' }),
];
const permission: PermissionRequestParams = {
  sessionId: 's_wait',
  toolCall: { id: 'c3', title: `Write ${repo}/greeting.txt`, kind: 'edit', input: { file_path: `${repo}/greeting.txt`, content: 'hello\n' } },
  options: [
    { id: 'always', label: 'Always allow', kind: 'allowAlways' },
    { id: 'once', label: 'Allow', kind: 'allowOnce' },
    { id: 'no', label: 'Reject', kind: 'rejectOnce' },
  ],
};

let web: StaticServer;
let browser: Browser;
let host: PageHost;
const unanswered: string[] = [];

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  web = await startStaticServer();
  browser = await launchBrowser({ viewport: { width: 380, height: 760 } });
  host = new PageHost(browser.page, { kind: 'hostInfo', host: 'browser', workspaceFolders: [repo], hostActions: [], settings: {} }, {
    request: async (method) => {
      switch (method) {
        case 'sessions/list': return { sessions };
        case 'agents/list': return { agents: [{ id: 'claude-code', name: 'Claude Code', kind: 'native', available: true, command: 'claude' }] };
        case 'runs/list': return { runs: [run] };
        case 'hosts/list': return { hosts: [{ name: 'buildbox', destination: 'build', options: [], env: {}, warnings: [], createdAt: minutesAgo(500), state: 'online' }] };
        case 'sessions/history': return { events: history, hasMore: false };
        case 'review/changes': return { files: [] };
        default:
          unanswered.push(method);
          throw { code: -32601, message: `${method} is not in this test` };
      }
    },
  });
  await host.attach();
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await web?.close();
});

async function applyTheme(theme: VscodeTheme): Promise<void> {
  await browser.page.evaluate(({ colors, bodyClass }) => {
    const root = document.documentElement;
    for (const name of [...root.style]) if (name.startsWith('--vscode-')) root.style.removeProperty(name);
    for (const [key, value] of Object.entries(colors)) root.style.setProperty(`--vscode-${key}`, value);
    document.body.className = bodyClass;
  }, theme);
}

test('light, dark and high contrast: screenshots, contrast from computed styles, and the 170 px sidebar', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await page.goto(web.url);
  const waitingItem = page.locator('#session-s_wait');
  await waitingItem.waitFor();
  await host.send({ kind: 'serverRequest', id: 'perm-1', method: 'permissions/request', params: permission });
  await waitingItem.locator('.status', { hasText: 'Waiting for you' }).waitFor();
  // Task sessions sit under their run; the host's group has its dot; other repositories come last.
  await expect(page.locator('.session-run-header').textContent()).resolves.toContain('Playbook run');
  await expect(page.locator('.host-dot.host-online').count()).resolves.toBe(1);
  await expect(page.locator('.session-group-section').textContent()).resolves.toBe('Other repositories');

  const report: Record<string, unknown> = {};
  for (const theme of themes) {
    await applyTheme(theme);
    await page.locator('.session-list-page, .list-page').first().waitFor();
    await page.screenshot({ path: join(results, `themes-${theme.name}-list.png`) });
    const list = await page.evaluate(measureContrast, [
      { selector: '.list-page button.primary', what: 'primary button' },
      { selector: '.list-page .toolbar button:not(.primary)', what: 'secondary button', border: theme.name === 'high-contrast' },
      { selector: '.session-item .status', what: 'session status', all: true },
      { selector: '.session-meta', what: 'meta line', all: true },
    ]);

    await waitingItem.click();
    const card = page.locator('.permission-card');
    await card.locator('.permission-target', { hasText: 'Write greeting.txt' }).waitFor();
    await page.locator('.row-turnFiles').waitFor();
    await page.screenshot({ path: join(results, `themes-${theme.name}-session.png`) });
    const session = await page.evaluate(measureContrast, [
      { selector: '.permission-card button.option-allowOnce', what: 'Allow (primary)' },
      { selector: '.permission-card button.option-allowAlways', what: 'Always allow (secondary)', border: theme.name === 'high-contrast' },
      { selector: '.badge.status-completed', what: '“done” badge', border: true },
      { selector: '.badge.status-failed', what: '“failed” badge', border: true },
      { selector: '.session-heading .status-waiting', what: 'waiting status' },
      { selector: '.row-status', what: 'status row' },
    ]);
    const text = await page.evaluate(measureText);
    report[theme.name] = { list, session, text };
    writeFileSync(join(results, 'themes-contrast.json'), `${JSON.stringify(report, null, 1)}\n`);

    expect([...list.missing, ...session.missing], theme.name).toEqual([]);
    const low = [
      ...[...list.text, ...session.text].filter((m) => m.ratio < 4.5),
      ...[...list.borders, ...session.borders].filter((m) => m.ratio < 3),
    ].map((m) => `${m.what}: ${m.ratio}`);
    expect(low, theme.name).toEqual([]);
    expect(text.small, theme.name).toEqual([]);
    await page.keyboard.press('Escape');
    await waitingItem.waitFor();
  }

  // The narrow sidebar, in the light theme.
  await applyTheme(themes[0]!);
  await page.setViewportSize({ width: 170, height: 700 });
  await page.screenshot({ path: join(results, 'themes-170px-list.png') });
  const narrowList = await page.evaluate(measureText);
  await expect(page.locator('#session-s_done .session-cost').isVisible()).resolves.toBe(false);
  await waitingItem.click();
  await page.locator('.permission-card').waitFor();
  await page.screenshot({ path: join(results, 'themes-170px-session.png') });
  const narrowSession = await page.evaluate(measureText);
  await expect(page.locator('.prompt-row').evaluate((el) => getComputedStyle(el).flexDirection)).resolves.toBe('column');
  report.narrow = { narrowList, narrowSession };
  writeFileSync(join(results, 'themes-contrast.json'), `${JSON.stringify(report, null, 1)}\n`);
  for (const measured of [narrowList, narrowSession]) {
    expect(measured.letterWrapped).toEqual([]);
    expect(measured.crushed).toEqual([]);
    expect(measured.untitled).toEqual([]);
    expect(measured.small).toEqual([]);
  }
  // Rider (JCEF) and the phone set no --vscode-* variable: the panel's own fallbacks, light or dark after the system.
  await page.setViewportSize({ width: 380, height: 760 });
  await applyTheme({ name: 'none', bodyClass: '' as VscodeTheme['bodyClass'], colors: {} });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(results, `themes-fallback-${colorScheme}-session.png`) });
    const fallback = await page.evaluate(measureContrast, [
      { selector: '.permission-card button.option-allowOnce', what: 'Allow (primary)' },
      { selector: '.permission-card button.option-allowAlways', what: 'Always allow (secondary)' },
      { selector: '.badge.status-completed', what: '“done” badge', border: true },
      { selector: '.session-heading .status-waiting', what: 'waiting status' },
    ]);
    report[`fallback-${colorScheme}`] = fallback;
    const low = [...fallback.text.filter((m) => m.ratio < 4.5), ...fallback.borders.filter((m) => m.ratio < 3)].map((m) => `${m.what}: ${m.ratio}`);
    expect(low, `fallback ${colorScheme}`).toEqual([]);
  }
  writeFileSync(join(results, 'themes-contrast.json'), `${JSON.stringify(report, null, 1)}\n`);
  expect(unanswered).toEqual([]);
  expect(await browser.cspViolations()).toEqual([]);
});
