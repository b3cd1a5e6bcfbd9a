import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agents } from '../../../../tests/interop/agents.mjs';
import { waitFor } from '../real/waitFor';
import { codeServerInstalled } from './codeServer';
import { answerInput, pickItem, runCommand } from './workbench';
import { openMaestroView, openWorkbench, packageRoot, vsix, type WorkbenchSession } from './workbenchSession';

const artefacts = join(packageRoot, 'test-results', 'codeserver-permission');

// A real ACP agent (permission mode "ask") asks before writing: the request shows as a VS Code notification with
// one button per option and as a card in the panel; the user answers in the notification, the card goes away
// (serverRequestSettled) and the agent writes the file.
describe('permission requests in code-server', () => {
  let session: WorkbenchSession | undefined;
  afterAll(async () => session?.dispose());

  it('answers an ACP permission request from the VS Code notification; the panel card is settled', { timeout: 420000 }, async () => {
    expect(codeServerInstalled(), 'code-server is not installed: run clients/vscode/scripts/install-code-server.sh').toBe(true);
    expect(existsSync(vsix), `${vsix} is missing: npm run package`).toBe(true);
    session = await openWorkbench({
      agentIds: ['acp:claude'],
      artefacts,
      settings: { 'maestro.defaultAgent': 'acp:claude', 'maestro.defaultPermissionMode': 'ask' },
    });
    const { page, panel, model, sandbox, shot } = session;
    const target = join(sandbox.repo, 'asked.txt');

    await openMaestroView(page);
    await panel.getByText('No sessions yet').waitFor({ state: 'visible', timeout: 60000 });
    await runCommand(page, 'Maestro: New Session');
    await pickItem(page, 'Claude Code (ACP)');
    await pickItem(page, 'repo');
    await panel.locator('.session-title', { hasText: 'Claude Code' }).waitFor({ state: 'visible', timeout: 60000 });

    await model.enqueueTurn([agents['acp:claude'].writeStep(target, 'allowed from the notification\n'), { text: 'Wrote **asked.txt**.' }]);
    await runCommand(page, 'Maestro: Prompt Session');
    await pickItem(page, 'acp:claude');
    await answerInput(page, 'Write asked.txt');

    // Both places show the request.
    const toast = page.locator('.notification-toast', { hasText: 'asks: Write' }).first();
    await toast.waitFor({ state: 'visible', timeout: 120000 });
    await panel.locator('.permission-card').first().waitFor({ state: 'visible', timeout: 30000 });
    await shot('asked-in-both-places');
    expect(existsSync(target)).toBe(false);

    await toast.getByRole('button', { name: 'Allow', exact: true }).click();
    await panel.locator('.permission-card').first().waitFor({ state: 'detached', timeout: 30000 });
    await panel.getByText('Wrote').first().waitFor({ state: 'visible', timeout: 120000 });
    await waitFor('the file the agent was allowed to write', () => existsSync(target) && readFileSync(target, 'utf8') === 'allowed from the notification\n', 30000);
    await shot('allowed');
  });
});
