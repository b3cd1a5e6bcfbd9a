import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../real/waitFor';
import { codeServerInstalled } from './codeServer';
import { runCommand } from './workbench';
import { openMaestroView, openWorkbench, packageRoot, vsix, type WorkbenchSession } from './workbenchSession';

const artefacts = join(packageRoot, 'test-results', 'codeserver-playbook');
const tasks = ['Write the intro', 'Fix the typo'];

// Issue 18 in a real VS Code (code-server) with the built VSIX: "Maestro: Run Playbook" from the command palette opens
// the panel's start-a-run screen on the workspace's playbook (.maestro/playbooks), with maestro.defaultPermissionMode
// preselected; Start runs it with the real Claude Code CLI against the scripted model server, and the run's page
// shows both tasks done, the boxes ticked on disk.
describe('Playbook runs in code-server', () => {
  let session: WorkbenchSession | undefined;
  afterAll(async () => session?.dispose(), 60000);

  it('starts a run from the command palette and follows its tasks', { timeout: 420000 }, async () => {
    expect(codeServerInstalled(), 'code-server is not installed: run clients/vscode/scripts/install-code-server.sh').toBe(true);
    expect(existsSync(vsix), `${vsix} is missing: npm run package`).toBe(true);
    let document = '';
    session = await openWorkbench({
      agentIds: ['claude-code'],
      artefacts,
      settings: { 'maestro.defaultAgent': 'claude-code', 'maestro.defaultPermissionMode': 'bypass' },
      prepare: (repo, git) => {
        const folder = join(repo, '.maestro', 'playbooks', 'notes');
        mkdirSync(folder, { recursive: true });
        document = join(folder, '01-notes.md');
        writeFileSync(document, `# Notes\n\n${tasks.map((t) => `- [ ] ${t}`).join('\n')}\n`);
        git('add', '.maestro');
        git('commit', '-q', '-m', 'playbook');
      },
    });
    const { page, panel, model, shot } = session;

    await openMaestroView(page);
    await panel.getByRole('listbox', { name: 'Sessions' }).waitFor({ state: 'attached', timeout: 60000 });
    await runCommand(page, 'Maestro: Run Playbook');
    const form = panel.getByRole('form', { name: 'Start a Playbook run' });
    await form.waitFor({ state: 'visible', timeout: 60000 });
    await waitFor('the playbook to be offered', async () => (await form.getByLabel('Playbook', { exact: true }).locator('option').allTextContents()).join() === 'notes (0 of 2 tasks done)', 60000);
    // The editor's default mode is preselected (the playbook sets none), and said to be.
    expect(await form.getByRole('radio', { name: /^Bypass/ }).isChecked()).toBe(true);
    await form.getByText('is preselected: from the editor’s default.').waitFor({ state: 'visible' });
    await waitFor('Claude Code to be offered', async () => (await form.getByLabel('Agent', { exact: true }).inputValue()) === 'claude-code', 60000);
    await shot('start-run-form');

    for (const task of tasks) {
      await model.enqueueTurn([{ tool: 'Read', args: { file_path: document } }]);
      await model.enqueueTurn([{ tool: 'Edit', args: { file_path: document, old_string: `- [ ] ${task}`, new_string: `- [x] ${task}` } }, { text: `Done: ${task}.` }]);
    }
    await form.getByRole('button', { name: 'Start run' }).click();

    const runPage = panel.getByRole('region', { name: 'Run notes' });
    await runPage.waitFor({ state: 'visible', timeout: 60000 });
    await runPage.locator('.status', { hasText: 'done' }).waitFor({ state: 'visible', timeout: 240000 });
    expect(await runPage.getByRole('list', { name: 'Tasks of run notes' }).getByRole('button').allTextContents()).toEqual(tasks);
    expect(await runPage.locator('.run-progress').textContent()).toBe('2 of 2 tasks done');
    expect(readFileSync(document, 'utf8')).toBe(`# Notes\n\n${tasks.map((t) => `- [x] ${t}`).join('\n')}\n`);
    await shot('run-done');
  });
});
