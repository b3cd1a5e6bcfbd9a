import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../real/waitFor';
import { codeServerInstalled } from './codeServer';
import { codeLens, createInPanelForm, openFile, runCommand, sendInPanel } from './workbench';
import { openMaestroView, openWorkbench, packageRoot, vsix, type WorkbenchSession } from './workbenchSession';

const artefacts = join(packageRoot, 'test-results', 'codeserver');
const rows = Array.from({ length: 30 }, (_, i) => `row ${String(i + 1).padStart(2, '0')}`);
const rejectedLine = 'row 03 CHANGED BY THE AGENT (to reject)';
const acceptedLine = 'row 25 CHANGED BY THE AGENT (to accept)';
const userLine = 'row 14 typed by the user';
const original = rows.join('\n') + '\n';

// The "done when", in a real VS Code (code-server) with the built VSIX: from the command palette and the
// sidebar alone, start a Claude Code session, prompt it (the real CLI against the scripted model edits a committed
// file in two separate places), watch it in the panel, type a line of one's own (it gets no CodeLens), accept one
// hunk and reject the other through their CodeLens, take the reject back with Ctrl+Z, meet Reject All's modal (not
// the default button) and undo it with the command its status bar note names, and check the file on disk and that
// the index is untouched.
describe('the extension in code-server', () => {
  let session: WorkbenchSession | undefined;
  afterAll(async () => session?.dispose());

  it('runs a Claude Code session and reviews its two hunks through CodeLens', { timeout: 420000 }, async () => {
    expect(codeServerInstalled(), 'code-server is not installed: run clients/vscode/scripts/install-code-server.sh').toBe(true);
    expect(existsSync(vsix), `${vsix} is missing: npm run package`).toBe(true);
    const timings = join(artefacts, 'timings.jsonl');
    session = await openWorkbench({
      agentIds: ['claude-code'],
      artefacts,
      env: { MAESTRO_VSCODE_TIMINGS: timings },
      settings: { 'maestro.defaultAgent': 'claude-code', 'maestro.defaultPermissionMode': 'bypass' },
      prepare: (repo, git) => {
        writeFileSync(join(repo, 'notes.txt'), rows.join('\n') + '\n');
        git('add', 'notes.txt');
        git('commit', '-q', '-m', 'notes');
      },
    });
    const { page, panel, model, sandbox, shot, git } = session;
    const file = join(sandbox.repo, 'notes.txt');
    // The first prompt, which names the session (under 40 characters: the whole line).
    const promptText = 'Change row 03 and row 25 of notes.txt';

    // The sidebar: the Maestro view with the panel's session list.
    const clickedAt = Date.now();
    await openMaestroView(page);
    await panel.getByRole('listbox', { name: 'Sessions' }).waitFor({ state: 'attached', timeout: 60000 });
    await panel.getByText('No sessions yet').waitFor({ state: 'visible', timeout: 60000 });
    const listVisibleMs = Date.now() - session.pageStart;
    const clickToListMs = Date.now() - clickedAt;
    await waitFor('the status bar item', () => page.locator('.statusbar-item', { hasText: 'Maestro' }).first().isVisible());
    await shot('panel-session-list');

    // Remote access: the command opens a page with the phone link and its QR code (docs/remote.md).
    await runCommand(page, 'Maestro: Start Remote Access');
    await page.locator('.tab', { hasText: 'Maestro: Remote Access' }).first().waitFor({ state: 'visible', timeout: 30000 });
    await shot('remote-access');
    // The page is a webview of its own: close it, so the panel is the one webview again; and stop remote access,
    // which would otherwise keep the daemon up after the test.
    await runCommand(page, 'View: Close All Editors');
    await waitFor('the remote page to close', async () => (await page.locator('iframe.webview.ready').count()) === 1, 30000);
    await runCommand(page, 'Maestro: Stop Remote Access');

    // "Maestro: New Session": the panel's form (the one flow), the one agent and the workspace folder chosen.
    await runCommand(page, 'Maestro: New Session');
    await createInPanelForm(page, panel, { agent: 'claude-code', folder: sandbox.repo });
    // The command opens the new session's transcript in the panel.
    await panel.locator('.session-title', { hasText: 'Claude Code' }).waitFor({ state: 'visible', timeout: 60000 });
    await shot('session-created');

    // The scripted model: read the file, edit it in two places more than six lines apart, say so.
    await model.enqueueTurn([{ tool: 'Read', args: { file_path: file } }]);
    await model.enqueueTurn([{ tool: 'Edit', args: { file_path: file, old_string: 'row 03', new_string: rejectedLine } }]);
    await model.enqueueTurn([{ tool: 'Edit', args: { file_path: file, old_string: 'row 25', new_string: acceptedLine } }, { text: 'Edited **notes.txt** in two places.' }]);

    // "Maestro: Prompt Session": the one session's prompt box in the panel; type the prompt there.
    await runCommand(page, 'Maestro: Prompt Session');
    await sendInPanel(panel, promptText);
    await shot('prompt-sent');

    // Watch it in the panel (the command keeps the session's transcript open) until the agent's final message. The
    // server named the session from this first prompt (it had its default name), and the panel heard it.
    await panel.locator('.session-title', { hasText: promptText }).waitFor({ state: 'visible', timeout: 30000 });
    await panel.getByText('in two places').waitFor({ state: 'visible', timeout: 180000 });
    await shot('transcript');
    expect(readFileSync(file, 'utf8')).toContain(rejectedLine);
    expect(readFileSync(file, 'utf8')).toContain(acceptedLine);

    // The user types a line of their own into the file and saves: it never gets a lens (issue 14).
    await openFile(page, 'notes.txt');
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 13; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type(userLine.slice('row 14'.length));
    await page.keyboard.press('Control+S');
    await waitFor('the user line saved', () => readFileSync(file, 'utf8').includes(userLine), 30000);

    // The file with its inline review: exactly the agent's two hunks, each labelled with its session.
    await waitFor('two Accept CodeLenses', async () => (await codeLens(page, 'Accept').count()) === 2, 60000);
    expect(await codeLens(page, promptText).count()).toBe(2);
    await shot('two-hunks');

    // Next / Previous Agent Change: from the user's line (14) the cursor goes to the agent's hunks only (25, then 3:
    // it wraps), never to the user's own change.
    const cursorLine = async () => Number(/Ln (\d+)/.exec(await page.locator('.statusbar-item', { hasText: /Ln \d+, Col/ }).first().innerText())?.[1]);
    for (const [title, line] of [['Next', 25], ['Next', 3], ['Previous', 25]] as const) {
      await runCommand(page, `Maestro: ${title} Agent Change`);
      await waitFor(`${title} Agent Change to land on line ${line}`, async () => (await cursorLine()) === line, 15000);
    }
    // The Diff lens: the file before the agent on the left, so the user's own line is no difference there.
    await codeLens(page, 'Diff').first().click();
    await page.locator('.tab', { hasText: '↔ now' }).first().waitFor({ state: 'visible', timeout: 30000 });
    // Monaco renders spaces as no-break spaces.
    const leftText = async () => (await page.locator('.editor.original .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    await waitFor('the baseline on the left', async () => (await leftText()).includes('row 03'), 30000);
    expect(await leftText()).toContain(userLine);
    expect(await leftText()).not.toContain(rejectedLine);
    await shot('diff-with-baseline');
    await runCommand(page, 'View: Close Editor');
    await page.locator('.tab', { hasText: '↔ now' }).first().waitFor({ state: 'hidden', timeout: 30000 });

    // Accept the lower hunk (row 25): kept, and git's index is left alone (no staging behind the user's back).
    await codeLens(page, 'Accept').nth(1).click();
    await waitFor('one hunk left', async () => (await codeLens(page, 'Accept').count()) === 1, 30000);
    expect(git('show', ':notes.txt')).toBe(original);
    await shot('accepted-one');

    // Reject the upper one (row 03): only the agent's line goes, the user's stays.
    await codeLens(page, 'Reject').first().click();
    await waitFor('the rejected hunk gone from disk', () => !readFileSync(file, 'utf8').includes(rejectedLine), 30000);
    await waitFor('no hunk left', async () => (await codeLens(page, 'Accept').count()) === 0, 30000);
    expect(readFileSync(file, 'utf8')).toContain(userLine);
    await shot('rejected-other');

    // Ctrl+Z in the editor takes the reject back: the text returns, and the hunk is offered again.
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+Z');
    await waitFor('the rejected line back on disk', () => readFileSync(file, 'utf8').includes(rejectedLine), 30000);
    await waitFor('the hunk offered again', async () => (await codeLens(page, 'Accept').count()) === 1, 30000);
    await shot('undone-by-ctrl-z');

    // Reject All: a modal that names the session and the file, whose default (focused) button is not Reject All.
    await runCommand(page, 'Maestro: Reject All Agent Changes');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30000 });
    expect(await dialog.innerText()).toContain(promptText);
    expect(await dialog.innerText()).toContain('notes.txt');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    expect(focused).not.toBe('Reject All');
    await shot('reject-all-modal');
    await dialog.locator('.monaco-button', { hasText: /^Reject All$/ }).click();
    await waitFor('rejected by Reject All', () => !readFileSync(file, 'utf8').includes(rejectedLine), 30000);
    // ...said in the status bar, not a toast (the user just did it), naming how to undo it; that command undoes it.
    await page.locator('.statusbar', { hasText: 'Undo Last Review Decision' }).waitFor({ timeout: 30000 });
    expect(await page.locator('.notification-toast', { hasText: 'every change of' }).count()).toBe(0);
    await runCommand(page, 'Maestro: Undo Last Review Decision');
    await waitFor('back after Undo', () => readFileSync(file, 'utf8').includes(rejectedLine), 30000);
    await shot('reject-all-undone');

    const expected = rows.map((r) => (r === 'row 25' ? acceptedLine : r === 'row 03' ? rejectedLine : r === 'row 14' ? userLine : r)).join('\n') + '\n';
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(git('show', ':notes.txt')).toBe(original); // review never touched the index

    const marks = existsSync(timings) ? readFileSync(timings, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { mark: string; ms: number }) : [];
    const report = { pageLoadToSessionListVisibleMs: listVisibleMs, viewClickToSessionListVisibleMs: clickToListMs, extensionMarks: marks };
    writeFileSync(join(artefacts, 'startup.json'), JSON.stringify(report, null, 2));
    console.log('start-up (reported, not asserted):', JSON.stringify(report));
  });
});
