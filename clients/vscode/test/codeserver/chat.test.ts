import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeServerInstalled } from './codeServer';
import { runCommand } from './workbench';
import { openMaestroView, openWorkbench, packageRoot, vsix, type WorkbenchSession } from './workbenchSession';

const artefacts = join(packageRoot, 'test-results', 'codeserver-chat');

// Issue 15 in a real VS Code (code-server) with the built VSIX: "Maestro: New Group Chat" from the command palette
// opens the panel's create-room form; a room of two real agent CLIs (Claude Code as @a, Codex as @b, against the
// scripted model server) is created from it; `@all` in the composer brings both replies into the room, live.
describe('group chat in code-server', () => {
  let session: WorkbenchSession | undefined;
  // Stopping code-server, Chromium, the daemon and the agents takes more than vitest's 10 s hook default on a busy machine.
  afterAll(async () => session?.dispose(), 60000);

  it('creates a room from the command palette and sees both replies', { timeout: 420000 }, async () => {
    expect(codeServerInstalled(), 'code-server is not installed: run clients/vscode/scripts/install-code-server.sh').toBe(true);
    expect(existsSync(vsix), `${vsix} is missing: npm run package`).toBe(true);
    session = await openWorkbench({ agentIds: ['claude-code', 'codex'], artefacts, settings: {} });
    const { page, panel, model, shot } = session;

    await openMaestroView(page);
    await panel.getByRole('listbox', { name: 'Sessions' }).waitFor({ state: 'attached', timeout: 60000 });
    await runCommand(page, 'Maestro: New Group Chat');
    const form = panel.getByRole('form', { name: 'New group chat' });
    await form.waitFor({ state: 'visible', timeout: 60000 });
    await form.getByLabel('Name').fill('team');
    await form.getByLabel('Participant 1 agent').selectOption('claude-code');
    await form.getByLabel('Participant 1 alias').fill('a');
    await form.getByLabel('Participant 2 agent').selectOption('codex');
    await form.getByLabel('Participant 2 alias').fill('b');
    await shot('new-group-chat-form');
    await form.getByRole('button', { name: 'Create room' }).click();

    await panel.locator('.chat-room-title', { hasText: 'team' }).waitFor({ state: 'visible', timeout: 60000 });
    await model.enqueueTurn([{ text: 'Reply from Claude Code: I take the parser.' }]);
    await model.enqueueTurn([{ text: 'Reply from Codex: I take the tests.' }]);
    const composer = panel.getByRole('combobox', { name: 'Message' });
    await composer.fill('@all who takes what?');
    await composer.press('Enter');

    const replies = panel.locator('.chat-message.chat-agent');
    await replies.nth(1).waitFor({ state: 'visible', timeout: 180000 });
    expect(await replies.locator('.chat-author').allTextContents()).toEqual(['@a', '@b']);
    expect((await replies.locator('.chat-body').allTextContents()).map((t) => t.trim())).toEqual(['Reply from Claude Code: I take the parser.', 'Reply from Codex: I take the tests.']);
    expect(await panel.locator('.chat-message.chat-user .mention').allTextContents()).toEqual(['@all']);
    await panel.locator('.chat-room-status', { hasText: 'Idle' }).waitFor({ state: 'visible', timeout: 60000 });
    await shot('group-chat-both-replies');
  });
});
