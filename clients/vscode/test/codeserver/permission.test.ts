import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agents } from '../../../../tests/interop/agents.mjs';
import { waitFor } from '../real/waitFor';
import { codeServerInstalled } from './codeServer';
import { createInPanelForm, paletteOffers, runCommand } from './workbench';
import { openWorkbench, packageRoot, vsix, type WorkbenchSession } from './workbenchSession';

const artefacts = join(packageRoot, 'test-results', 'codeserver-permission');

// Issue 22's host side in one code-server run, with a real ACP agent (permission mode "ask") against the scripted
// model: the core commands are in the palette of a cold window (the view never opened) and the Ctrl+Alt+M chord
// starts a session from there; no toast for the session the user started; while the agent waits for a permission,
// the status bar counts it apart ("1 waiting for you", warning colour) and the panel's card asks, with no toast;
// hiding the view brings one toast (Allow, Open Session), whose Allow lets the agent write.
describe('permission requests in code-server', () => {
  let session: WorkbenchSession | undefined;
  afterAll(async () => session?.dispose(), 60000);

  it('cold window commands, waiting in the status bar, and a toast only while the view is hidden', { timeout: 420000 }, async () => {
    expect(codeServerInstalled(), 'code-server is not installed: run clients/vscode/scripts/install-code-server.sh').toBe(true);
    expect(existsSync(vsix), `${vsix} is missing: npm run package`).toBe(true);
    session = await openWorkbench({
      agentIds: ['acp:claude'],
      artefacts,
      settings: { 'maestro.defaultAgent': 'acp:claude', 'maestro.defaultPermissionMode': 'ask' },
    });
    const { page, panel, model, sandbox, shot } = session;
    const target = join(sandbox.repo, 'asked.txt');
    const toasts = page.locator('.notification-toast');

    // A cold window: the Maestro view was never opened, yet the core commands and the one "Maestro: Open" are there
    // (once the workbench has read the extension's contributions: its activity bar entry shows).
    await page.locator('.activitybar [aria-label^="Maestro"]').first().waitFor({ state: 'visible', timeout: 60000 });
    const core = ['Maestro: New Session', 'Maestro: Prompt Session', 'Maestro: Run Playbook', 'Maestro: Review Changes', 'Maestro: Open'];
    expect(await paletteOffers(page, core)).toEqual(core);
    await shot('cold-palette');

    // The chord starts the server and the one New Session flow, the panel's form: the one available agent and the
    // folder are chosen, focus is on Create; the Advanced step shows the configured permission mode.
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('Control+Alt+M');
    await page.keyboard.press('N');
    expect(await page.locator('.quick-input-widget input').isVisible()).toBe(false);
    await createInPanelForm(page, panel, { agent: 'acp:claude', folder: sandbox.repo }, { mode: 'ask' });
    await panel.locator('.session-title', { hasText: 'Claude Code' }).waitFor({ state: 'visible', timeout: 60000 });
    // No toast for what the user just did.
    expect(await toasts.count()).toBe(0);
    await shot('session-from-cold-window');

    // Prompt Session: the session's prompt box in the panel (multi-line), not a one-line input box.
    await model.enqueueTurn([agents['acp:claude'].writeStep(target, 'allowed from the notification\n'), { text: 'Wrote **asked.txt**.' }]);
    await runCommand(page, 'Maestro: Prompt Session');
    const prompt = panel.getByRole('textbox', { name: 'Prompt' });
    await prompt.waitFor({ state: 'visible', timeout: 30000 });
    // The palette closes a moment after the command starts; a session picker in its place would stay open.
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15000 });
    await prompt.fill('Write asked.txt');
    await prompt.press('Enter');

    // The card asks in the panel; the status bar says the agent waits for the user, on the warning colour; no toast.
    await panel.locator('.permission-card').first().waitFor({ state: 'visible', timeout: 120000 });
    const waiting = page.locator('.statusbar-item', { hasText: 'waiting for you' }).first();
    await waiting.waitFor({ state: 'visible', timeout: 30000 });
    expect(await waiting.innerText()).toContain('1 waiting for you');
    const colours = await waiting.evaluate((el) => {
      const probe = document.createElement('div');
      probe.style.background = 'var(--vscode-statusBarItem-warningBackground)';
      // The theme's colour tokens are CSS variables on the workbench element.
      (document.querySelector('.monaco-workbench') ?? document.body).appendChild(probe);
      const expected = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return { item: getComputedStyle(el).backgroundColor, expected };
    });
    expect(colours.expected).not.toBe('rgba(0, 0, 0, 0)');
    expect(colours.item).toBe(colours.expected);
    expect(await page.locator('.statusbar-item[aria-label*="1 agent waiting for you"]').count()).toBe(1);
    expect(await toasts.count()).toBe(0);
    await shot('waiting-in-panel-and-status-bar');
    expect(existsSync(target)).toBe(false);

    // The view hidden (the Explorer in its place): the request is out of sight now, and one toast asks.
    await runCommand(page, 'View: Show Explorer');
    const toast = toasts.filter({ hasText: 'is waiting for you: Write' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30000 });
    expect(await toast.getByRole('button', { name: 'Open Session' }).count()).toBe(1);
    await shot('asked-while-hidden');
    await toast.getByRole('button', { name: 'Allow', exact: true }).click();
    await waitFor('the file the agent was allowed to write', () => existsSync(target) && readFileSync(target, 'utf8') === 'allowed from the notification\n', 60000);

    // The turn ends out of sight: one toast says so, and Open Session brings the transcript back.
    const finished = toasts.filter({ hasText: 'finished its turn' }).first();
    await finished.waitFor({ state: 'visible', timeout: 60000 });
    await finished.getByRole('button', { name: 'Open Session' }).click();
    await panel.getByText('Wrote').first().waitFor({ state: 'visible', timeout: 60000 });
    await waitFor('the waiting count gone', async () => (await page.locator('.statusbar-item', { hasText: 'waiting for you' }).count()) === 0, 30000);
    await shot('finished');
  });
});
