// The phone page, real parts only: `maestro remote start` on a real daemon, which runs the real Claude agent (ACP,
// permission mode "ask") against the scripted model server; headless Chromium at phone size (390×844, touch, mobile)
// opens the page the daemon serves. Without the token the page gets nothing; with it the phone lists the session,
// sends a prompt and answers the permission with a tap, and an editor (a plain JSON-RPC client of the same daemon)
// sees the same events; the read-only link can watch but its prompt is refused. A screenshot at each step.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { agentSandbox, agents, configureAgent, startModelServer } from '../../../../tests/interop/agents.mjs';
import { freshHome, initializeParams, maestroPath, removeHome, startServer } from '../../../../tests/interop/maestro.mjs';
import type { RemoteStartResult, RemoteStatusResult, Session, SessionEventNotification, SessionHistoryResult } from '../../../protocol/protocol';
import type { Page } from 'playwright-core';
import { launchBrowser, phone, type Browser } from '../host/browser';
import { panelRoot } from '../host/staticServer';

const results = join(panelRoot, 'test-results');
const agentId = 'acp:claude';
const run = promisify(execFile);

let model: Awaited<ReturnType<typeof startModelServer>>;
let sandbox: ReturnType<typeof agentSandbox> & { dispose?: () => void };
let home: string;
let browser: Browser;
let editor: ReturnType<typeof startServer>;
const editorEvents: SessionEventNotification[] = [];

/** Controls a finger can hit: WCAG 2.5.5 and Apple's guideline ask 44×44 CSS pixels; what is smaller, by name. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, a[href], select, input:not([type=hidden]), textarea, summary, [role=option], [role=tab]')) {
      // A checkbox is hit through its label.
      const target = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? el.closest('label') ?? el : el;
      const box = target.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (box.width < 44 || box.height < 44) small.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
  });
}

/** `maestro …` against this test's daemon. */
async function maestro(...args: string[]): Promise<string> {
  const { stdout } = await run(maestroPath(), args, { env: { ...process.env, MAESTRO_HOME: home }, timeout: 60_000 });
  return stdout;
}

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  model = await startModelServer();
  sandbox = agentSandbox();
  home = freshHome();
  configureAgent(home, agentId, sandbox, model.modelUrl);
  // The editor: a plain JSON-RPC client of the daemon (`serve --stdio` relays to it) that does not answer
  // permissions, so the phone is the one asked.
  editor = startServer(home);
  editor.connection.onNotification('sessions/event', (params: SessionEventNotification) => void editorEvents.push(params));
  await editor.connection.sendRequest('initialize', {
    ...initializeParams('maestro-remote-browser-test-editor'),
    workspaceFolders: [sandbox.repo],
    capabilities: { permissions: false },
  });
  browser = await launchBrowser(phone);
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (home) {
    await maestro('remote', 'stop').catch(() => undefined);
    await editor?.connection.sendRequest('shutdown').catch(() => undefined);
    editor?.connection.dispose();
    editor?.child.kill();
    await maestro('daemon', '--stop').catch(() => undefined);
  }
  model?.stop();
  if (home) removeHome(home);
  sandbox?.dispose?.();
}, 60_000);

test('a phone opens the remote page, prompts a session and answers its permission; the read-only link cannot prompt; another origin cannot connect; remote stop closes the page', { timeout: 300_000 }, async () => {
  const { page } = browser;
  const started = JSON.parse(await maestro('remote', 'start', '--read-only', '--json')) as RemoteStartResult;
  const url = new URL(started.url);
  const readOnlyUrl = started.readOnlyUrl!;
  expect(url.hostname).toBe('127.0.0.1');
  expect(url.hash).toMatch(/^#token=[A-Za-z0-9_-]{43}$/);

  // The session the phone will steer, made by the editor.
  const session = await editor.connection.sendRequest<Session>('sessions/create', { agentId, cwd: sandbox.repo, name: 'Phone test', permissionMode: 'ask' });

  // 1. Without the token: the page loads but gets nothing from the server, and says how to get in.
  await page.goto(`${url.origin}/`);
  await page.getByText('opened without its access token').waitFor({ timeout: 30_000 });
  expect(await page.getByRole('option', { name: /Phone test/ }).count()).toBe(0);
  // And the server refuses this page's socket anything before a token: asked from the page itself, same origin.
  const refused = await page.evaluate(() => new Promise<{ error?: { code: number; message: string } }>((resolveAnswer) => {
    const socket = new WebSocket(`ws://${location.host}/rpc`);
    socket.onopen = () => socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'sessions/list', params: {} }));
    socket.onmessage = (event) => { resolveAnswer(JSON.parse(String(event.data))); socket.close(); };
  }));
  expect(refused.error?.code).toBe(-32018);
  const off = JSON.parse(await maestro('remote', 'status', '--json')) as RemoteStatusResult;
  expect(off.connections).toBe(0);
  await page.screenshot({ path: join(results, 'remote-1-no-token.png') });

  // 2. With the token: the sessions list, at phone width, with the editor's session in it. (From another page: a
  // change of the fragment alone does not load the page again.)
  await page.goto('about:blank');
  await page.goto(started.url);
  const item = page.getByRole('option', { name: /Phone test/ });
  await item.waitFor({ timeout: 60_000 });
  expect(await page.evaluate(() => window.innerWidth)).toBe(390);
  await expect.poll(async () => (JSON.parse(await maestro('remote', 'status', '--json')) as RemoteStatusResult).connections, { timeout: 30_000 }).toBe(1);
  await page.screenshot({ path: join(results, 'remote-2-sessions.png') });
  expect(await smallTargets(page)).toEqual([]);

  // 3. Tap the session, type a prompt, tap Send.
  await item.tap();
  const prompt = page.getByRole('textbox', { name: 'Prompt' });
  await prompt.waitFor();
  const target = join(sandbox.repo, 'from-phone.txt');
  await model.enqueueTurn([agents[agentId].writeStep(target, 'tapped\n'), { text: 'Wrote **from-phone.txt**.' }]);
  await prompt.fill('Write from-phone.txt');
  await page.screenshot({ path: join(results, 'remote-3-prompt.png') });
  await page.getByRole('button', { name: 'Send prompt' }).tap();

  // 4. The agent asks; the phone's card answers it with a tap.
  const allow = page.locator('.permission-card').getByRole('button', { name: 'Allow', exact: true });
  await allow.waitFor({ timeout: 120_000 });
  expect(existsSync(target)).toBe(false);
  await page.screenshot({ path: join(results, 'remote-4-permission.png') });
  expect(await smallTargets(page)).toEqual([]);
  await allow.tap();

  await page.locator('.message-body strong', { hasText: 'from-phone.txt' }).waitFor({ timeout: 120_000 });
  await expect.poll(() => existsSync(target) && readFileSync(target, 'utf8'), { timeout: 30_000 }).toBe('tapped\n');
  await page.locator('.row-permission', { hasText: 'You chose: Allow' }).waitFor({ timeout: 30_000 });
  await page.locator('.session-header .status', { hasText: 'Idle' }).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(results, 'remote-5-done.png') });
  expect(await smallTargets(page)).toEqual([]);

  // The editor saw the same turn: the phone's prompt, the permission with the phone's answer, the final message.
  const seen = () => editorEvents.filter((e) => e.sessionId === session.id).map((e) => e.event);
  await expect.poll(() => seen().some((e) => e.type === 'message' && e.text.includes('from-phone.txt')), { timeout: 30_000 }).toBe(true);
  expect(seen().find((e) => e.type === 'prompt')).toMatchObject({ type: 'prompt', text: 'Write from-phone.txt' });
  const asked = seen().filter((e) => e.type === 'permissionRequest');
  expect(asked.length).toBeGreaterThan(0);
  expect(asked.some((e) => e.type === 'permissionRequest' && e.chosenOptionId === 'allow')).toBe(true);

  // 5. The read-only link: the same session and transcript, but its prompt is refused and reaches no agent.
  const watcher = await browser.context.newPage();
  await watcher.goto(readOnlyUrl);
  await watcher.getByText('Read-only: you can watch, not control.').or(watcher.getByRole('option', { name: /Phone test/ })).first().waitFor({ timeout: 60_000 });
  await watcher.getByRole('option', { name: /Phone test/ }).tap();
  await watcher.locator('.message-body strong', { hasText: 'from-phone.txt' }).waitFor({ timeout: 60_000 });
  const promptsBefore = seen().filter((e) => e.type === 'prompt').length;
  const modelRequestsBefore = ((await model.requests()) as unknown[]).length;
  const watcherPrompt = watcher.getByRole('textbox', { name: 'Prompt' });
  await watcherPrompt.fill('Not allowed from the watch-only link');
  await watcher.getByRole('button', { name: 'Send prompt' }).tap();
  await watcher.getByText(/'sessions\/prompt' needs control, and this remote page was opened with the read-only link/).waitFor({ timeout: 30_000 });
  await expect(watcherPrompt.inputValue()).resolves.toBe('Not allowed from the watch-only link');
  await watcher.screenshot({ path: join(results, 'remote-6-read-only.png') });
  // The refusal came back before the screenshot: by now a prompt that got through would be in the history.
  const history = await editor.connection.sendRequest<SessionHistoryResult>('sessions/history', { sessionId: session.id });
  expect(history.events.filter((e) => e.event.type === 'prompt')).toHaveLength(1);
  expect(seen().filter((e) => e.type === 'prompt').length).toBe(promptsBefore);
  expect(((await model.requests()) as unknown[]).length).toBe(modelRequestsBefore);

  // 6. Another origin (a page that is not the served one, here an opaque about:blank) cannot open the socket at all.
  const stranger = await browser.context.newPage();
  await stranger.goto('about:blank');
  const strangerSocket = await stranger.evaluate((rpc) => new Promise<string>((resolveOutcome) => {
    const socket = new WebSocket(rpc);
    socket.onopen = () => { resolveOutcome('opened'); socket.close(); };
    socket.onclose = (event) => resolveOutcome(`closed ${event.code}`);
  }), `ws://${url.host}/rpc`);
  expect(strangerSocket).toBe('closed 1006');
  await stranger.close();

  // 7. remote stop closes the phone's socket at once: the page says remote access was stopped on the computer.
  await maestro('remote', 'stop');
  await page.getByText('Remote access was stopped on the computer').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(results, 'remote-7-stopped.png') });

  expect(await browser.cspViolations()).toEqual([]);
});
