// A Playbook run started from the panel, real parts only: Chromium runs the built panel on a page with a strict CSP;
// the test is its host and the JSON-RPC client of a real maestro server, which gives each task to the real Claude Code
// CLI against the scripted model server. The user opens the Playbook runs tab, starts a run from the empty state's
// Start (the playbook in .maestro/playbooks, its own permission mode preselected), and the run's page lists every task
// of the playbook (runs/tasks: the one checked before the run too) with its state as the run goes, each task an agent
// did opening its session's transcript.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { agentSandbox, configureAgent, startModelServer } from '../../../../tests/interop/agents.mjs';
import { freshHome, removeHome } from '../../../../tests/interop/maestro.mjs';
import { launchBrowser, type Browser } from '../host/browser';
import { startMaestroHost, type MaestroHost } from '../host/maestroHost';
import { panelRoot, startStaticServer, type StaticServer } from '../host/staticServer';

const results = join(panelRoot, 'test-results');
const agentId = 'claude-code';
const tasks = ['Write the intro', 'Fix the typo'];
/** Checked before the run: listed on the run's page, done, with no session. */
const doneBefore = 'Pick a title';

let model: Awaited<ReturnType<typeof startModelServer>>;
let sandbox: ReturnType<typeof agentSandbox> & { dispose?: () => void };
let home: string;
let web: StaticServer;
let browser: Browser;
let maestro: MaestroHost;
let document: string;

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  model = await startModelServer();
  sandbox = agentSandbox();
  home = freshHome();
  configureAgent(home, agentId, sandbox, model.modelUrl);
  const folder = join(sandbox.repo, '.maestro', 'playbooks', 'notes');
  mkdirSync(folder, { recursive: true });
  document = join(folder, '01-notes.md');
  writeFileSync(document, `# Notes\n\n- [x] ${doneBefore}\n${tasks.map((t) => `- [ ] ${t}`).join('\n')}\n`);
  // The playbook's own mode, which the start screen preselects (Claude Code's edits need no more; it shows the source).
  writeFileSync(join(folder, 'playbook.yaml'), 'permissionMode: bypass\n');
  web = await startStaticServer();
  browser = await launchBrowser();
  maestro = await startMaestroHost(browser.page, home, [sandbox.repo], ['host/openFile']);
}, 120_000);

afterAll(async () => {
  await maestro?.stop().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await web?.close();
  model?.stop();
  if (home) removeHome(home);
  sandbox?.dispose?.();
}, 60_000);

/** The model's part of one task, as Claude Code does it: read the document, tick the task's box, say so. */
async function scriptTick(task: string): Promise<void> {
  await model.enqueueTurn([{ tool: 'Read', args: { file_path: document } }]);
  await model.enqueueTurn([{ tool: 'Edit', args: { file_path: document, old_string: `- [ ] ${task}`, new_string: `- [x] ${task}` } }, { text: `Done: ${task}.` }]);
}

test('the panel starts a Playbook run and shows its tasks, each opening its session', { timeout: 300_000 }, async () => {
  const { page } = browser;
  await page.goto(web.url);

  await page.getByRole('tab', { name: 'Playbook runs' }).click();
  await page.getByText('No Playbook runs yet.').waitFor();
  await page.getByRole('button', { name: 'Start a Playbook run' }).click();

  // The start screen: the playbook found in .maestro/playbooks with its progress, its documents, its mode preselected.
  const form = page.getByRole('form', { name: 'Start a Playbook run' });
  await form.waitFor();
  await expect.poll(() => form.getByLabel('Playbook', { exact: true }).locator('option').allTextContents(), { timeout: 30_000 }).toEqual(['notes (1 of 3 tasks done)']);
  await form.locator('.playbook-documents', { hasText: '01-notes.md 1 of 3 tasks done' }).waitFor();
  await expect(form.getByRole('radio', { name: /^Bypass/ }).isChecked()).resolves.toBe(true);
  await form.getByText('is preselected: from the playbook’s settings.').waitFor();
  // agents/list answers once the agents' version probes ran: wait for Claude Code to be offered.
  await expect.poll(() => form.getByLabel('Agent', { exact: true }).locator(`option[value="${agentId}"]:not([disabled])`).count(), { timeout: 60_000 }).toBe(1);
  await form.getByLabel('Agent', { exact: true }).selectOption(agentId);
  // Accept edits would refuse Claude Code's shell commands: the form says so, and the warning goes with Bypass.
  await form.getByRole('radio', { name: /^Accept edits/ }).check();
  await form.getByText(/^Claude Code runs shell commands/).waitFor();
  await page.screenshot({ path: join(results, 'runs-1-start.png') });
  await form.getByRole('radio', { name: /^Bypass/ }).check();
  await expect(form.getByText(/^Claude Code runs shell commands/).isVisible()).resolves.toBe(false);

  for (const task of tasks) await scriptTick(task);
  await form.getByRole('button', { name: 'Start run' }).click();

  // The run's page lists every task of the playbook from the start (the one checked before the run among them), each
  // with its state as the run goes (runs/tasks, asked again on every runs/progress), and the run ends done.
  const runPage = page.getByRole('region', { name: 'Run notes' });
  await runPage.waitFor({ timeout: 30_000 });
  const taskList = runPage.getByRole('list', { name: 'Tasks of run notes' });
  const rows = taskList.locator('li');
  await expect.poll(() => rows.locator('.run-task-open, .run-task-text').allTextContents(), { timeout: 30_000 }).toEqual([doneBefore, ...tasks]);
  await expect(rows.first().getAttribute('data-state')).resolves.toBe('done');
  await expect.poll(() => rows.evaluateAll((items) => items.map((i) => i.getAttribute('data-state'))), { timeout: 240_000 }).toEqual(['done', 'done', 'done']);
  await expect(taskList.getByRole('button').allTextContents()).resolves.toEqual(tasks); // the agents' tasks open sessions
  await runPage.locator('.run-item .status', { hasText: 'done' }).waitFor({ timeout: 120_000 });
  await expect(runPage.locator('.run-progress').textContent()).resolves.toBe('3 of 3 tasks done');
  await expect(runPage.locator('.session-meta').textContent()).resolves.toMatch(/^claude-code · started .+ · \d+(s|m \d\ds) · \$/);
  await page.screenshot({ path: join(results, 'runs-2-done.png') });
  expect(readFileSync(document, 'utf8')).toBe(`# Notes\n\n- [x] ${doneBefore}\n${tasks.map((t) => `- [x] ${t}`).join('\n')}\n`);

  // The list shows the run's card; it opens the page again; a task opens its session's transcript.
  await runPage.getByRole('button', { name: 'Back to the Playbook runs' }).click();
  const card = page.locator('.runs-list [data-run-id]');
  await expect(card.count()).resolves.toBe(1);
  await card.getByRole('button', { name: 'Open run notes: its tasks and sessions' }).click();
  await runPage.getByRole('button', { name: `Open the session of task: ${tasks[1]}` }).click();
  await page.locator('.session-title', { hasText: `notes: ${tasks[1]}` }).waitFor({ timeout: 30_000 });
  await page.locator('.message-body', { hasText: `Done: ${tasks[1]}.` }).waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(results, 'runs-3-task-session.png') });

  expect(await browser.cspViolations()).toEqual([]);
});
