// The Stats tab in Chromium, real parts only: a real maestro server records a one-task Playbook run and a prompt of
// the real Claude Code CLI against the scripted model server; a daily cost limit is then set at what that cost
// over 0.9 (the 80 % warning state). The panel, under the page's strict CSP, draws the charts with its bundled uPlot,
// shows today's spend against the limit and the leaderboard ranking the run. Screenshots go to test-results.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Run, Session, StatsResult } from '../../../protocol/protocol';
import { agentSandbox, configureAgent, startModelServer } from '../../../../tests/interop/agents.mjs';
import { freshHome, removeHome } from '../../../../tests/interop/maestro.mjs';
import { launchBrowser, type Browser } from '../host/browser';
import { startMaestroHost, type MaestroHost } from '../host/maestroHost';
import { panelRoot, startStaticServer, type StaticServer } from '../host/staticServer';

const results = join(panelRoot, 'test-results');
const agentId = 'claude-code';

let model: Awaited<ReturnType<typeof startModelServer>>;
let sandbox: ReturnType<typeof agentSandbox> & { dispose?: () => void };
let home: string;
let web: StaticServer;
let browser: Browser;
let maestro: MaestroHost;

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  model = await startModelServer();
  sandbox = agentSandbox();
  home = freshHome();
  configureAgent(home, agentId, sandbox, model.modelUrl);
  web = await startStaticServer();
  browser = await launchBrowser();
  maestro = await startMaestroHost(browser.page, home, [sandbox.repo]);
}, 120_000);

afterAll(async () => {
  await maestro?.stop().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await web?.close();
  model?.stop();
  if (home) removeHome(home);
  sandbox?.dispose?.();
}, 60_000);

const darkTheme = {
  '--vscode-foreground': '#cccccc', '--vscode-sideBar-background': '#181818', '--vscode-panel-border': '#2b2b2b', '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-editorWarning-foreground': '#cca700',
};
const highContrastTheme = {
  '--vscode-foreground': '#ffffff', '--vscode-sideBar-background': '#000000', '--vscode-panel-border': '#6fc3df', '--vscode-descriptionForeground': '#ffffff',
  '--vscode-charts-blue': '#00ffff', '--vscode-charts-orange': '#ff8c00', '--vscode-charts-green': '#89d185', '--vscode-editorWarning-foreground': '#ffd700',
};

/** Pixels of the cost chart's canvas in (about) this colour: the bars are drawn, in the theme's colour. */
function colouredPixels(page: Browser['page'], [r, g, b]: readonly [number, number, number]): Promise<number> {
  return page.locator('figure', { hasText: 'Cost per day, by agent' }).locator('canvas').first().evaluate((canvas: HTMLCanvasElement, rgb) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 200 && Math.abs(data[i]! - rgb[0]) < 8 && Math.abs(data[i + 1]! - rgb[1]) < 8 && Math.abs(data[i + 2]! - rgb[2]) < 8) count++;
    }
    return count;
  }, [r, g, b] as const);
}

const todayStart = (): string => {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
};

test('the Stats tab draws the charts, the spend against the daily limit and the leaderboard with no CSP violation', { timeout: 300_000 }, async () => {
  const { page } = browser;

  // A one-task Playbook: the model reads the document and ticks the box with Claude's own Edit tool.
  const playbook = join(sandbox.repo, 'playbooks', 'notes.md');
  mkdirSync(join(sandbox.repo, 'playbooks'), { recursive: true });
  writeFileSync(playbook, '# Notes\n\n- [ ] Say hello\n');
  await model.enqueueTurn([{ tool: 'Read', args: { file_path: playbook } }]);
  await model.enqueueTurn([{ tool: 'Edit', args: { file_path: playbook, old_string: '- [ ] Say hello', new_string: '- [x] Say hello' } }, { text: 'Done: **Say hello**.' }]);
  const run = await maestro.request<Run>('playbooks/run', { path: playbook, agentId, permissionMode: 'bypass' });
  await expect.poll(async () => (await maestro.request<Run>('runs/get', { runId: run.id })).status, { timeout: 180_000, interval: 250 }).toBe('done');
  expect(readFileSync(playbook, 'utf8')).toBe('# Notes\n\n- [x] Say hello\n');

  // A plain prompt: its turn ends before sessions/prompt answers.
  const session = await maestro.request<Session>('sessions/create', { agentId, cwd: sandbox.repo, permissionMode: 'bypass' });
  await model.enqueueTurn([{ text: 'Hello from the **stats** test.' }]);
  await maestro.request('sessions/prompt', { sessionId: session.id, text: 'Say hello' });

  const today = await maestro.request<StatsResult>('stats/get', { since: todayStart() });
  expect(today.totals.turns).toBe(2);
  expect(today.totals.costUsd).toBeGreaterThan(0);
  expect(today.limits).toEqual([]);

  // The daily limit is set so that today's spend is 90 % of it; the server reads settings.json again by itself.
  const limit = Math.round((today.totals.costUsd / 0.9) * 1e6) / 1e6;
  const settings = JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(home, 'settings.json'), JSON.stringify({ ...settings, costLimits: { dailyUsd: limit } }));
  await expect.poll(async () => (await maestro.request<StatsResult>('stats/get', { since: todayStart() })).limits.map((l) => l.percent), { timeout: 30_000, interval: 200 }).toEqual([90]);

  await page.goto(web.url);
  await page.getByRole('button', { name: 'New session' }).waitFor();
  // By keyboard: the tab list's arrows reach Stats (the last tab, left of Sessions).
  await page.getByRole('tab', { name: 'Sessions' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => page.getByRole('tab', { name: 'Stats' }).getAttribute('aria-selected')).toBe('true');

  const line = page.locator('.stats-today-line');
  await line.waitFor({ timeout: 30_000 });
  await expect(line.textContent()).resolves.toMatch(/^Today: \$[0-9.]+ of the \$[0-9.]+ daily limit \(90 %, nearly spent\)$/);
  await expect(page.locator('.stats-today').getAttribute('class')).resolves.toContain('stats-warning');

  // uPlot drew a canvas for the per-day charts, time per agent and the longest runs.
  await expect.poll(() => page.locator('.stats-canvas canvas').count(), { timeout: 30_000 }).toBe(4);
  const cost = page.locator('figure', { hasText: 'Cost per day, by agent' });
  await expect(cost.locator('.stats-legend').textContent()).resolves.toBe(agentId);
  // The chart's pixels are not blank: the bars are drawn in the theme's first chart colour.
  expect(await colouredPixels(page, [0x09, 0x69, 0xda])).toBeGreaterThan(50);

  // The leaderboard ranks the run: longest unattended run, and the agent's record.
  const longest = page.locator('table', { has: page.locator('caption', { hasText: 'Longest unattended runs' }) });
  await expect(longest.locator('tbody tr').first().locator('td').allTextContents()).resolves.toEqual(expect.arrayContaining(['1', 'notes.md', agentId, '1 done', 'done']));
  const agentsTable = page.locator('table', { has: page.locator('caption', { hasText: /^Agents$/ }) });
  await expect(agentsTable.locator('tbody tr').first().locator('td').nth(3).textContent()).resolves.toBe('1 of 1');
  await expect(agentsTable.locator('tbody tr').first().locator('td').nth(4).textContent()).resolves.toBe('100 %');

  // Keyboard: Tab reaches Refresh and the charts; no text is drawn under 11 px.
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('stats-refresh');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('FIGURE');
  const smallest = await page.locator('.stats-view').evaluate((view) => Math.min(...[...view.querySelectorAll('*')].filter((el) => el.textContent?.trim()).map((el) => parseFloat(getComputedStyle(el).fontSize))));
  expect(smallest).toBeGreaterThanOrEqual(11);

  await page.screenshot({ path: join(results, 'stats-1-light.png') });
  await page.locator('.stats-leaderboard').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(results, 'stats-1-light-leaderboard.png') });

  // Dark and high-contrast themes: the variables VS Code sets on its webviews (through the CSSOM, as the CSP allows);
  // the charts are drawn again in the theme's chart colour.
  for (const [name, theme, blue] of [['dark', darkTheme, [0x37, 0x94, 0xff]], ['high-contrast', highContrastTheme, [0x00, 0xff, 0xff]]] as const) {
    await page.evaluate((vars) => {
      for (const [key, value] of Object.entries(vars)) document.documentElement.style.setProperty(key, value);
    }, theme);
    await page.locator('#stats-refresh').click();
    await expect.poll(() => colouredPixels(page, blue), { timeout: 30_000 }).toBeGreaterThan(50);
    await page.screenshot({ path: join(results, `stats-${name === 'dark' ? 2 : 3}-${name}.png`) });
  }

  expect(await browser.cspViolations()).toEqual([]);
});
