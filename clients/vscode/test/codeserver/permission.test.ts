import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maestroPath } from '../../../../tests/interop/maestro.mjs';
import { measureContrast, measureText } from '../../../panel/test/support/measure';
import { afterAll, describe, expect, it } from 'vitest';
import { agents } from '../../../../tests/interop/agents.mjs';
import { waitFor } from '../real/waitFor';
import { codeServerInstalled } from './codeServer';
import { createInPanelForm, paletteOffers, runCommand, sendInPanel } from './workbench';
import { openMaestroView, openWorkbench, packageRoot, vsix, type WorkbenchSession } from './workbenchSession';

const artefacts = join(packageRoot, 'test-results', 'codeserver-permission');

// Issue 22's host side in one code-server run, with a real ACP agent (permission mode "ask") against the scripted
// model: the core commands are in the palette of a cold window (the view never opened) and the Ctrl+Alt+M chord
// starts a session from there; no toast for the session the user started; while the agent waits for a permission,
// the status bar counts it apart ("1 waiting for you", warning colour) and the panel's card asks, with no toast;
// hiding the view brings one toast (Allow, Open Session), whose Allow lets the agent write.
describe('permission requests in code-server', () => {
  let session: WorkbenchSession | undefined;
  // The editor runs the server through this script: the real maestro, unless the gate file exists, which holds a
  // restart back (the outage test's server stays away until the test removes it).
  const bin = mkdtempSync(join(tmpdir(), 'mcs-bin-'));
  const gate = join(bin, 'outage');
  const serverPath = join(bin, 'maestro');
  writeFileSync(serverPath, `#!/bin/sh\nwhile [ -e '${gate}' ]; do sleep 0.1; done\nexec '${maestroPath()}' "$@"\n`);
  chmodSync(serverPath, 0o755);
  afterAll(async () => {
    rmSync(gate, { force: true });
    await session?.dispose();
    rmSync(bin, { recursive: true, force: true });
  }, 60000);

  it('cold window commands, waiting in the status bar, and a toast only while the view is hidden', { timeout: 420000 }, async () => {
    expect(codeServerInstalled(), 'code-server is not installed: run clients/vscode/scripts/install-code-server.sh').toBe(true);
    expect(existsSync(vsix), `${vsix} is missing: npm run package`).toBe(true);
    session = await openWorkbench({
      agentIds: ['acp:claude'],
      artefacts,
      settings: { 'maestro.defaultAgent': 'acp:claude', 'maestro.defaultPermissionMode': 'ask' },
      serverPath,
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
    await createInPanelForm(page, panel, { agent: 'acp:claude', folder: sandbox.repo }, { mode: 'ask' });
    // The panel's form, not a quick pick.
    expect(await page.locator('.quick-input-widget input').isVisible()).toBe(false);
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

    // The view hidden (the Explorer in its place): the request is out of sight now, and one toast asks. It is a live
    // notice (a notification progress): its actions are command links, and it closes once the request is settled.
    await runCommand(page, 'View: Show Explorer');
    const toast = toasts.filter({ hasText: 'is waiting for you: Write' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30000 });
    await toast.getByRole('link', { name: 'Open Session', exact: true }).waitFor({ state: 'visible' });
    await toast.getByRole('link', { name: 'Allow', exact: true }).waitFor({ state: 'visible' });
    await waitFor('the toast faded in', () => toast.evaluate((el) => getComputedStyle(el).opacity === '1'), 10000);
    // The links are on screen, not cut off with the message (a toast with a button, Cancel here, shows expanded).
    const toastBox = (await toast.boundingBox())!;
    for (const name of ['Allow', 'Open Session']) {
      const link = (await toast.getByRole('link', { name, exact: true }).boundingBox())!;
      expect(link.x >= toastBox.x && link.x + link.width <= toastBox.x + toastBox.width && link.y + link.height <= toastBox.y + toastBox.height, name).toBe(true);
    }
    expect(await toast.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
    await shot('asked-while-hidden');
    await toast.getByRole('link', { name: 'Allow', exact: true }).click();
    await waitFor('the file the agent was allowed to write', () => existsSync(target) && readFileSync(target, 'utf8') === 'allowed from the notification\n', 60000);
    await waiting.waitFor({ state: 'detached', timeout: 30000 });
    await toasts.filter({ hasText: 'is waiting for you' }).first().waitFor({ state: 'detached', timeout: 30000 });

    // The turn ends out of sight: one toast says so, and Open Session brings the transcript back.
    const finished = toasts.filter({ hasText: 'finished its turn' }).first();
    await finished.waitFor({ state: 'visible', timeout: 60000 });
    await finished.getByRole('button', { name: 'Open Session' }).click();
    await panel.getByText('Wrote').first().waitFor({ state: 'visible', timeout: 60000 });
    await shot('finished');
  });

  it('a toast whose request is answered in the panel goes by itself', { timeout: 180000 }, async () => {
    const { page, panel, model, sandbox, shot } = session!;
    const toasts = page.locator('.notification-toast');
    const second = join(sandbox.repo, 'second.txt');
    await model.enqueueTurn([agents['acp:claude'].writeStep(second, 'allowed in the panel\n'), { text: 'Wrote **second.txt**.' }]);
    await sendInPanel(panel, 'Write second.txt');
    await panel.locator('.permission-card').first().waitFor({ state: 'visible', timeout: 120000 });
    expect(await toasts.count()).toBe(0);

    // Hidden: the toast asks. The user comes back by the activity bar instead, and answers on the card.
    await runCommand(page, 'View: Show Explorer');
    const toast = toasts.filter({ hasText: 'is waiting for you: Write' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30000 });
    await openMaestroView(page);
    await panel.locator('.permission-card button.option-allowOnce').click();
    await toast.waitFor({ state: 'detached', timeout: 30000 });
    await waitFor('the file the agent was allowed to write', () => existsSync(second) && readFileSync(second, 'utf8') === 'allowed in the panel\n', 60000);
    await panel.getByText('Wrote second.txt').first().waitFor({ state: 'visible', timeout: 60000 });
    // The turn ended on screen: no toast for it.
    expect(await toasts.count()).toBe(0);
    await shot('answered-in-panel-toast-gone');
  });

  it('never loses a prompt: the daemon killed, Send waits with the reason, the prompt is accepted once the server is back', { timeout: 240000 }, async () => {
    const { page, panel, model, home, shot } = session!;
    const toasts = page.locator('.notification-toast');
    const prompt = panel.getByRole('textbox', { name: 'Prompt' });
    const send = panel.locator('button.prompt-action');
    const reason = panel.locator('.prompt-blocked');
    const banner = panel.locator('.banner');
    await prompt.waitFor({ state: 'visible', timeout: 30000 });
    expect(await send.isEnabled()).toBe(true);

    // The outage: the daemon the editor's `maestro serve --stdio` relays to dies (SIGKILL). The gate keeps the
    // restarted relay from reaching a new one until the test lets it.
    writeFileSync(gate, '');
    const daemonPid = Number(readFileSync(join(home, 'daemon.pid'), 'utf8').trim());
    process.kill(daemonPid, 'SIGKILL');
    await reason.waitFor({ state: 'visible', timeout: 30000 });
    expect(await reason.innerText()).toBe('Not connected to the Maestro server: your prompt stays here until it is back.');
    expect(await send.isDisabled()).toBe(true);
    expect(await send.getAttribute('title')).toBe('Not connected to the Maestro server: your prompt stays here until it is back.');

    // The user types and presses Enter: nothing is lost, nothing is sent.
    const text = 'Say you are back';
    await prompt.fill(text);
    await prompt.press('Enter');
    expect(await prompt.inputValue()).toBe(text);
    // The error shows once: the panel's banner (and the status bar), no notice repeating it, no toast.
    await banner.waitFor({ state: 'visible' });
    expect(await banner.innerText()).toContain('The Maestro server is restarting');
    expect(await panel.locator('.notice:visible').count()).toBe(0);
    expect(await toasts.count()).toBe(0);
    await shot('prompt-kept-while-server-down');

    // The server back: the reason and the banner clear, Send works, the kept prompt goes as a real turn.
    rmSync(gate);
    await reason.waitFor({ state: 'hidden', timeout: 90000 });
    await banner.waitFor({ state: 'hidden', timeout: 30000 });
    expect(await send.isEnabled()).toBe(true);
    expect(await prompt.inputValue()).toBe(text);
    expect(Number(readFileSync(join(home, 'daemon.pid'), 'utf8').trim())).not.toBe(daemonPid);
    await model.enqueueTurn([{ text: 'Back after the outage.' }]);
    await prompt.press('Enter');
    await panel.getByText('Back after the outage.').first().waitFor({ state: 'visible', timeout: 120000 });
    expect(await prompt.inputValue()).toBe('');
    expect(await panel.locator('.notice:visible').count()).toBe(0);
    expect(await toasts.count()).toBe(0);
    await shot('prompt-accepted-after-restart');
  });

  it('themes measured in the workbench: contrast of buttons and badges in the real webview, and a 170 px sidebar', { timeout: 240000 }, async () => {
    const { page, panel, shot } = session!;
    const frame = async () => (await panel.locator('html').elementHandle())!.ownerFrame();
    const report: Record<string, unknown> = {};
    // The workbench opens in code-server's default (Light 2026); then each theme is chosen as a user does, with
    // "Preferences: Color Theme" (a settings file written behind the workbench's back is not picked up live).
    const themes = [
      { name: 'light-2026', label: 'Light 2026', id: 'Light 2026' },
      { name: 'light', label: 'Light Modern', id: 'Light Modern' },
      { name: 'dark', label: 'Dark Modern', id: 'Dark Modern' },
      { name: 'high-contrast', label: 'Dark High Contrast', id: 'Default High Contrast' },
    ];
    const listPage = panel.locator('.list-page');
    const sessionItem = panel.locator('.session-item').first();
    const back = panel.getByRole('button', { name: 'Back to sessions (Escape)' });
    for (const theme of themes) {
      if ((await panel.locator('body').getAttribute('data-vscode-theme-id')) !== theme.id) {
        await runCommand(page, 'Preferences: Color Theme');
        await page.locator('.quick-input-widget input').fill(theme.label);
        await page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${theme.label}$`) }) }).first().click();
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      }
      await waitFor(`the webview in ${theme.id}`, async () => (await panel.locator('body').getAttribute('data-vscode-theme-id')) === theme.id, 30000);
      const hc = theme.name === 'high-contrast';

      // The sessions list: New session (primary), Discover… (secondary), each session's status.
      if (!(await listPage.isVisible())) await back.click();
      await listPage.waitFor({ state: 'visible', timeout: 30000 });
      await shot(`theme-${theme.name}-list`);
      const list = await (await frame())!.evaluate(measureContrast, [
        { selector: '.list-page button.primary', what: 'primary button', border: hc },
        { selector: '.list-page .toolbar button:not(.primary)', what: 'secondary button', border: hc },
        { selector: '.session-item .status', what: 'session status', all: true },
        { selector: '.session-meta', what: 'meta line', all: true },
      ]);

      // The session: Send (primary), its actions (secondary), the done badges of its tool calls, its status rows.
      await sessionItem.click();
      await panel.locator('.badge.status-completed').first().waitFor({ state: 'visible', timeout: 30000 });
      await shot(`theme-${theme.name}-session`);
      const opened = await (await frame())!.evaluate(measureContrast, [
        { selector: 'button.prompt-action.primary', what: 'Send (primary)', border: hc },
        { selector: '[aria-label="Session actions"] button', what: 'session action (secondary)', border: hc, all: true },
        { selector: '.badge.status-completed', what: '“done” badge', border: true, all: true },
        { selector: '.session-heading .status', what: 'session status' },
        { selector: '.row-status', what: 'status row', all: true },
      ]);
      report[theme.name] = { list, session: opened };
      writeFileSync(join(artefacts, 'themes-contrast.json'), `${JSON.stringify(report, null, 1)}\n`);
      expect([...list.missing, ...opened.missing], theme.name).toEqual([]);
      const low = [
        ...[...list.text, ...opened.text].filter((m) => m.ratio < 4.5),
        ...[...list.borders, ...opened.borders].filter((m) => m.ratio < 3),
      ].map((m) => `${m.what}: ${m.ratio}`);
      expect(low, theme.name).toEqual([]);
      expect((await (await frame())!.evaluate(measureText)).small, theme.name).toEqual([]);
    }

    // The sidebar narrowed to its least (VS Code's 170 px) by its sash, in the last theme: nothing wraps letter by
    // letter and no session name takes more than two lines.
    const sidebar = page.locator('.part.sidebar');
    const box = (await sidebar.boundingBox())!;
    const edge = box.x + box.width;
    // The sash on the sidebar's right edge (the vertical sash nearest to it).
    const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((els) => els.map((el) => { const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2, h: r.height }; }));
    const sash = sashes.filter((s) => s.h > 100).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0]!;
    expect(Math.abs(sash.x - edge)).toBeLessThan(10);
    await page.mouse.move(sash.x, sash.y);
    await page.mouse.down();
    await page.mouse.move(sash.x - 100, sash.y, { steps: 5 });
    // Below its least width the sidebar snaps shut (at half of it): stop a little under 170 px, where it holds at 170.
    await page.mouse.move(sash.x - (box.width - 160), sash.y, { steps: 10 });
    await page.mouse.up();
    let width = 0;
    await waitFor('a 170 px sidebar', async () => (width = Math.round((await sidebar.boundingBox())!.width)) === 170, 15000).catch((error: Error) => {
      throw new Error(`${error.message} (the sidebar is ${width} px)`);
    });
    const narrow: Record<string, unknown> = {};
    for (const where of ['session', 'list'] as const) {
      if (where === 'list') {
        await back.click();
        await listPage.waitFor({ state: 'visible', timeout: 30000 });
      }
      await shot(`sidebar-170px-${where}`);
      const text = await (await frame())!.evaluate(measureText);
      const names = await (await frame())!.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.session-name, .session-title')].filter((el) => el.getClientRects().length > 0).map((el) => ({
          name: el.textContent ?? '',
          lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight === 'normal' ? String(parseFloat(getComputedStyle(el).fontSize) * 1.2) : getComputedStyle(el).lineHeight)),
        })),
      );
      narrow[where] = { text, names };
      writeFileSync(join(artefacts, 'themes-contrast.json'), `${JSON.stringify({ ...report, narrow }, null, 1)}\n`);
      expect(names.length, where).toBeGreaterThan(0);
      expect(names.filter((n) => n.lines > 2), where).toEqual([]);
      expect(text.letterWrapped, where).toEqual([]);
      expect(text.crushed, where).toEqual([]);
      expect(text.small, where).toEqual([]);
    }
  });
});
