import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agents } from '../../../../tests/interop/agents.mjs';
import { waitFor } from '../real/waitFor';
import { codeServerInstalled } from './codeServer';
import { runCommand } from './workbench';
import { openMaestroView, openWorkbench, packageRoot, vsix, type WorkbenchSession } from './workbenchSession';

const artefacts = join(packageRoot, 'test-results', 'codeserver-first-run');

// The install issue's first run, in a real VS Code (code-server): a user with no agent CLI installed opens the
// Maestro view and meets a welcome that says so, with each agent's install command and its actions (not an empty
// panel); "Maestro: Get Started" opens the walkthrough from agents to a Playbook; once an agent appears (here its
// path lands in Maestro's settings, as after an install), Check again turns the welcome into the session list.
describe('a first run with no agent installed', () => {
  let session: WorkbenchSession | undefined;
  afterAll(async () => session?.dispose());

  it('shows the no-agent welcome and the walkthrough, and updates once an agent appears', { timeout: 300000 }, async () => {
    expect(codeServerInstalled(), 'code-server is not installed: run clients/vscode/scripts/install-code-server.sh').toBe(true);
    expect(existsSync(vsix), `${vsix} is missing: npm run package`).toBe(true);
    // No agent configured, and none on this machine's PATH (the pinned CLIs live in tools/agents, not on PATH).
    session = await openWorkbench({ agentIds: [], artefacts, settings: {} });
    const { page, panel, shot, home, sandbox, model } = session;

    await openMaestroView(page);
    const welcome = panel.getByRole('region', { name: 'No agent installed' });
    await welcome.waitFor({ state: 'visible', timeout: 60000 });
    await welcome.getByRole('heading', { name: 'No agent is installed' }).waitFor({ state: 'visible' });
    await welcome.getByText('npm install -g @anthropic-ai/claude-code').waitFor({ state: 'visible' });
    await welcome.getByText('npm install -g @openai/codex').waitFor({ state: 'visible' });
    // Per agent: Copy command and Open terminal (VS Code offers a terminal); for all: Check again and Configure path.
    expect(await welcome.getByRole('button', { name: 'Copy command' }).count()).toBeGreaterThanOrEqual(2);
    expect(await welcome.getByRole('button', { name: 'Open terminal' }).count()).toBeGreaterThanOrEqual(2);
    await welcome.getByRole('button', { name: 'Check again' }).waitFor({ state: 'visible' });
    await welcome.getByRole('button', { name: 'Configure path' }).waitFor({ state: 'visible' });
    await shot('no-agent-welcome');

    // The walkthrough, from the command palette.
    await runCommand(page, 'Maestro: Get Started');
    for (const step of ['See which agents are installed', 'Install an agent and sign in', 'Start a first session', 'Review its changes hunk by hunk', 'Run the example Playbook']) {
      await page.getByText(step, { exact: true }).first().waitFor({ state: 'visible', timeout: 60000 });
    }
    await shot('walkthrough');
    // The walkthrough's media is a webview of its own: close it, so the panel is the one webview again.
    await runCommand(page, 'View: Close All Editors');
    await waitFor('the walkthrough to close', async () => (await page.locator('iframe.webview.ready').count()) === 1, 30000);

    // An agent appears: Check again re-probes agents/list, and the welcome gives way to the session list.
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ agents: { 'claude-code': agents['claude-code'].configure(sandbox, model.modelUrl) } }));
    await welcome.getByRole('button', { name: 'Check again' }).click();
    await waitFor('the welcome to give way once Claude Code is found', async () => !(await welcome.isVisible()), 60000);
    await panel.getByText('No sessions yet').waitFor({ state: 'visible', timeout: 60000 });
    await shot('agent-found');
  });
});
