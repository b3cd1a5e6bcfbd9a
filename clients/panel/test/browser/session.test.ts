// The whole chain, real parts only: Chromium runs the built panel on a page with a strict CSP; the test is its host
// and the JSON-RPC client of a real maestro server, which runs the real Claude agent (ACP, permission mode "ask")
// against the scripted model server. The user creates a session in the panel, sends a prompt, answers the
// permission request with a click, and the file appears in the sandbox repository; the Review tab lists it under
// the session, rejects it into Maestro's trash and undoes that.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { agentSandbox, agents, configureAgent, startModelServer } from '../../../../tests/interop/agents.mjs';
import { freshHome, removeHome } from '../../../../tests/interop/maestro.mjs';
import { launchBrowser, type Browser } from '../host/browser';
import { startMaestroHost, type MaestroHost } from '../host/maestroHost';
import { panelRoot, startStaticServer, type StaticServer } from '../host/staticServer';

const results = join(panelRoot, 'test-results');
const agentId = 'acp:claude';

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
  maestro = await startMaestroHost(browser.page, home, [sandbox.repo], ['host/openDiff']);
}, 120_000);

afterAll(async () => {
  await maestro?.stop().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await web?.close();
  model?.stop();
  if (home) removeHome(home);
  sandbox?.dispose?.();
}, 60_000);

test('a session created in the panel writes a file after the user allows it', { timeout: 240_000 }, async () => {
  const { page } = browser;
  const target = join(sandbox.repo, 'asked.txt');
  await page.goto(web.url);

  // New session from the panel's own form, by keyboard: "n" opens it from the sessions list.
  await page.getByRole('button', { name: 'New session' }).waitFor();
  await page.getByRole('listbox', { name: 'Sessions' }).or(page.getByText('No sessions yet')).first().waitFor();
  await page.keyboard.press('n');
  const form = page.getByRole('form', { name: 'New session' });
  await form.waitFor();
  // agents/list answers once the agents' version probes ran: wait for the configured agent to be offered.
  await expect.poll(() => form.getByLabel('Agent').locator(`option[value="${agentId}"]`).count(), { timeout: 60_000 }).toBe(1);
  await form.getByLabel('Agent').selectOption(agentId);
  await expect(form.getByLabel('Folder').inputValue()).resolves.toBe(sandbox.repo);
  // Name and permissions are the form's Advanced step.
  await form.getByText('Advanced', { exact: false }).click();
  await form.getByLabel('Permissions').selectOption('ask');
  await form.getByLabel('Name').fill('Panel test');
  await page.screenshot({ path: join(results, 'session-1-new-form.png') });
  await form.getByLabel('Name').press('Enter');

  // The session opens with the prompt focused; Ctrl+Enter sends.
  const prompt = page.getByRole('textbox', { name: 'Prompt' });
  await expect.poll(() => prompt.evaluate((el) => el === document.activeElement), { timeout: 30_000 }).toBe(true);
  await expect(page.locator('.session-title').textContent()).resolves.toBe('Panel test');
  await model.enqueueTurn([agents[agentId].writeStep(target, 'allowed\n'), { text: 'Wrote **asked.txt**.' }]);
  await page.keyboard.type('Write asked.txt');
  await page.keyboard.press('Control+Enter');
  await expect(prompt.inputValue()).resolves.toBe('');

  // The agent asks: the card offers the agent's options; the user allows once.
  const allow = page.locator('.permission-card').getByRole('button', { name: 'Allow', exact: true });
  await allow.waitFor({ timeout: 120_000 });
  await page.screenshot({ path: join(results, 'session-2-permission.png') });
  expect(existsSync(target)).toBe(false);
  await allow.click();

  // The final message streams into the transcript, rendered from the server's html.
  await page.locator('.message-body strong', { hasText: 'asked.txt' }).waitFor({ timeout: 120_000 });
  await expect.poll(() => existsSync(target) && readFileSync(target, 'utf8'), { timeout: 30_000 }).toBe('allowed\n');
  await page.locator('.session-header .status', { hasText: 'Idle' }).waitFor({ timeout: 60_000 });
  await page.locator('.permission-card').waitFor({ state: 'detached' });
  await page.locator('.row-permission', { hasText: 'You chose: Allow' }).waitFor();
  await page.locator('.row-prompt', { hasText: 'Write asked.txt' }).waitFor();
  const toolCall = page.locator('.row-toolCall summary').first();
  await toolCall.waitFor();
  await page.screenshot({ path: join(results, 'session-3-done.png') });

  // The answer went back to the server as the chosen option, once.
  const answers = maestro.host.received.filter((m) => m.kind === 'serverResponse');
  expect(answers).toHaveLength(1);
  expect(answers[0]).toMatchObject({ result: { optionId: 'allow' } });

  // The file change offers the host's diff, with the session's folder.
  await page.locator('.row-fileChange').getByRole('button', { name: /Open diff/ }).first().click();
  await expect.poll(() => maestro.hostCalls.length).toBe(1);
  expect(maestro.hostCalls[0]).toEqual({ method: 'host/openDiff', params: { cwd: sandbox.repo, path: 'asked.txt' } });

  // The agent's file waits for review: its transcript row says so.
  await page.locator('.row-fileChange .badge', { hasText: 'pending' }).first().waitFor({ timeout: 30_000 });

  // Escape goes back to the list, where the session shows as idle with its cost.
  await prompt.focus();
  await page.keyboard.press('Escape');
  const item = page.getByRole('option', { name: /Panel test/ });
  await item.waitFor();
  await expect(item.textContent()).resolves.toMatch(/Idle/);
  await page.screenshot({ path: join(results, 'session-4-list.png') });

  // The Review tab: the session's pending file; Reject moves the agent's new file to Maestro's trash, Undo brings it back.
  await page.getByRole('tab', { name: /Review/ }).click();
  const group = page.locator('.review-group', { hasText: 'Panel test' });
  const file = group.locator('.review-file-item', { hasText: 'asked.txt' });
  await file.waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(results, 'session-5-review.png') });
  await file.getByRole('button', { name: /^Reject/ }).click();
  await expect.poll(() => existsSync(target), { timeout: 30_000 }).toBe(false);
  await page.locator('.review-decision').getByRole('button', { name: /^Undo/ }).first().click();
  await expect.poll(() => existsSync(target) && readFileSync(target, 'utf8'), { timeout: 30_000 }).toBe('allowed\n');

  // Chat has landed in this server: the Chat tab asks chat/list and, with no room yet, says so.
  await page.getByRole('tab', { name: 'Chat' }).click();
  await page.getByText('No chat rooms yet.').waitFor();

  expect(await browser.cspViolations()).toEqual([]);
});
