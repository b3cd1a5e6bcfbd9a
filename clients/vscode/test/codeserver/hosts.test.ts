import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agents } from '../../../../tests/interop/agents.mjs';
import { initializeParams, maestroPath, startServer } from '../../../../tests/interop/maestro.mjs';
import { newSandbox, type Sandbox } from '../real/sandbox';
import { waitFor } from '../real/waitFor';
import { codeServerInstalled } from './codeServer';
import { runCommand } from './workbench';
import { startLoopbackSshd, sshdInstalled, type LoopbackSshd } from './loopbackSshd';
import { openMaestroView, openWorkbench, packageRoot, vsix, type WorkbenchSession } from './workbenchSession';

const artefacts = join(packageRoot, 'test-results', 'codeserver-hosts');

// Issue 24's Done-when in a real VS Code (code-server) with the built VSIX: one window, two hosts side by side. The
// "SSH host" is a real OpenSSH server on 127.0.0.1 (a temp host key and authorized key, a HOME of its own) whose
// `maestro` is the server under test, a daemon distinct from the local one, running the real Claude Code CLI against
// the scripted model server. The host is added (`maestro hosts add`), a session runs here and one there (started by
// a second client of the local daemon, as a terminal would), the panel lists both, its Review tab rejects the remote
// agent's hunk (the file is restored there), the ssh connection is killed and comes back with nothing lost (the
// session still listed, its next turn answered), and the panel's start-a-run screen runs a Playbook on the host.
describe('two hosts in one VS Code window', () => {
  let session: WorkbenchSession | undefined;
  let sshd: LoopbackSshd | undefined;
  let remote: Sandbox | undefined;
  let client: ReturnType<typeof startServer> | undefined;
  afterAll(async () => {
    client?.connection.dispose();
    client?.child.kill();
    await session?.dispose();
    // The host's daemon is a daemon of its own (it outlives ssh): stop it as the host's admin would.
    const pidFile = sshd && join(sshd.remoteHome, '.maestro', 'daemon.pid');
    if (pidFile && existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8').trim()));
      } catch {
        // already gone
      }
    }
    await sshd?.stop();
    remote?.dispose();
  }, 60000);

  it('runs sessions and a Playbook on this machine and an SSH host, lists them together and rejects a remote hunk', { timeout: 300000 }, async () => {
    expect(codeServerInstalled(), 'code-server is not installed: run clients/vscode/scripts/install-code-server.sh').toBe(true);
    expect(existsSync(vsix), `${vsix} is missing: npm run package`).toBe(true);
    expect(sshdInstalled(), 'openssh-server is not installed: scripts/setup.sh tests').toBe(true);
    sshd = await startLoopbackSshd();
    symlinkSync(maestroPath(), join(sshd.remoteBin, 'maestro'));
    remote = newSandbox();
    const remoteDoc = join(remote.repo, '.maestro', 'playbooks', 'box.md');
    mkdirSync(join(remote.repo, '.maestro', 'playbooks'), { recursive: true });
    writeFileSync(remoteDoc, '# On the box\n\n- [ ] Say hello\n');

    session = await openWorkbench({
      agentIds: ['claude-code'],
      artefacts,
      settings: { 'maestro.defaultAgent': 'claude-code', 'maestro.defaultPermissionMode': 'bypass' },
      env: { MAESTRO_SSH_CONFIG: sshd.clientConfig },
    });
    const { page, panel, model, shot, home } = session;
    // The host's daemon (its own MAESTRO_HOME under the remote HOME) runs Claude Code in the remote sandbox.
    mkdirSync(join(sshd.remoteHome, '.maestro'), { recursive: true });
    writeFileSync(join(sshd.remoteHome, '.maestro', 'settings.json'), JSON.stringify({ agents: { 'claude-code': agents['claude-code'].configure(remote, model.modelUrl) } }));

    await openMaestroView(page);
    const list = panel.getByRole('listbox', { name: 'Sessions' });
    await list.waitFor({ state: 'attached', timeout: 60000 });

    // The host, added from a terminal: the local daemon (started by the extension with MAESTRO_SSH_CONFIG) keeps it.
    process.env.MAESTRO_SSH_CONFIG = sshd.clientConfig;
    const added = spawnSync(maestroPath(), ['hosts', 'add', 'box', 'loopback', '--folder', remote.repo, '--env', 'MAESTRO_DAEMON_IDLE_SECONDS=120'], { env: { ...process.env, MAESTRO_HOME: home }, encoding: 'utf8' });
    expect(added.status, added.stderr).toBe(0);

    // A session here and one on the host, each a real Claude Code turn; the remote one edits README.md there.
    client = startServer(home);
    const rpc = client.connection;
    await rpc.sendRequest('initialize', initializeParams('terminal'));
    const readme = join(remote.repo, 'README.md');
    await model.enqueueTurn([{ text: 'Hello from this machine.' }]);
    const here = await rpc.sendRequest<{ id: string }>('sessions/create', { agentId: 'claude-code', cwd: session.sandbox.repo, name: 'work here', permissionMode: 'bypass' });
    await rpc.sendRequest('sessions/prompt', { sessionId: here.id, text: 'Say hello' });
    await model.enqueueTurn([{ tool: 'Read', args: { file_path: readme } }]);
    await model.enqueueTurn([{ tool: 'Edit', args: { file_path: readme, old_string: '# sandbox', new_string: '# edited on the box' } }, { text: 'Edited on the box.' }]);
    const there = await rpc.sendRequest<{ id: string; host?: string }>('sessions/create', { agentId: 'claude-code', cwd: remote.repo, name: 'work on box', permissionMode: 'bypass', host: 'box' });
    expect(there.host).toBe('box');
    const turn = await rpc.sendRequest<{ stopReason: string }>('sessions/prompt', { sessionId: there.id, text: 'Edit the title' });
    expect(turn.stopReason).toBe('endTurn');
    expect(readFileSync(readme, 'utf8')).toBe('# edited on the box\n');

    // One list: both sessions in the panel.
    await waitFor('both sessions in the panel', async () => {
      const names = await list.getByRole('option').allTextContents();
      return names.some((n) => n.includes('work here')) && names.some((n) => n.includes('work on box'));
    }, 60000);
    await shot('both-hosts-listed');

    // The remote file in this window: the session's changed-file row opens its diff, read from the host through the
    // server (a maestro-host: document, not this machine's path) and read-only; the left side is the file before the agent.
    await list.getByRole('option').filter({ hasText: 'work on box' }).first().click();
    await shot('remote-session-open');
    await panel.getByRole('button', { name: /^Open diff of .*README\.md$/ }).first().click();
    const remoteTab = page.locator('.tab', { hasText: 'README.md on box (agent baseline ↔ now)' }).first();
    await remoteTab.waitFor({ state: 'visible', timeout: 30000 });
    const lines = (which: 'original' | 'modified') => page.locator(`.editor.${which} .view-lines`).first();
    // Monaco renders spaces as no-break spaces.
    const side = async (which: 'original' | 'modified') => (await lines(which).innerText()).replace(/\u00a0/g, ' ');
    await waitFor('the host\'s text on both sides', async () => (await side('original')).includes('# sandbox') && (await side('modified')).includes('# edited on the box'), 30000);
    await lines('modified').click();
    await page.keyboard.type('typed here');
    await page.getByText('Cannot edit in read-only editor').first().waitFor({ state: 'visible', timeout: 15000 });
    expect(await side('modified')).not.toContain('typed here');
    expect(readFileSync(readme, 'utf8')).toBe('# edited on the box\n');
    await shot('remote-file-read-only-diff');
    await runCommand(page, 'View: Close Editor');
    await remoteTab.waitFor({ state: 'hidden', timeout: 30000 });
    await panel.getByRole('button', { name: /^Back to sessions/ }).click();

    // The Review tab: the remote agent's hunk, read from the host's daemon; Reject restores the file there.
    await panel.locator('#tab-review').click();
    const reject = panel.getByRole('button', { name: /^Reject work on box's change at line 1 of README\.md/ });
    await reject.waitFor({ state: 'visible', timeout: 60000 });
    await shot('remote-hunk');
    await reject.click();
    await waitFor('the remote file restored', () => readFileSync(readme, 'utf8') === '# sandbox\n', 30000);

    // The SSH connection dies (a killed ssh): the local daemon reconnects by itself, the host's session stays in the
    // list and takes its next turn as before.
    const sshOfHost = (): number[] => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.includes(sshd!.clientConfig) && argv.some((a) => a.includes('serve --stdio'));
      } catch {
        return false;
      }
    }).map(Number);
    const [lost] = sshOfHost();
    expect(lost).toBeDefined();
    process.kill(lost!, 'SIGKILL');
    await waitFor('the host back online over a new ssh', async () => {
      const { hosts } = await rpc.sendRequest<{ hosts: { name: string; state: string }[] }>('hosts/list', {});
      return hosts.find((h) => h.name === 'box')?.state === 'online' && sshOfHost().some((pid) => pid !== lost);
    }, 60000);
    await model.enqueueTurn([{ text: 'Still here after the reconnect.' }]);
    expect((await rpc.sendRequest<{ stopReason: string }>('sessions/prompt', { sessionId: there.id, text: 'Still there?' })).stopReason).toBe('endTurn');
    await panel.locator('#tab-sessions').click();
    await waitFor('the host\'s session still listed', async () => (await list.getByRole('option').allTextContents()).some((n) => n.includes('work on box')), 30000);
    await shot('after-reconnect');

    // A Playbook on the host, from the panel's start-a-run screen.
    await panel.locator('#tab-runs').click();
    await panel.getByRole('button', { name: 'Start a Playbook run' }).first().click();
    const form = panel.getByRole('form', { name: 'Start a Playbook run' });
    await form.waitFor({ state: 'visible', timeout: 60000 });
    await waitFor('the host to be offered', async () => (await form.getByLabel('Run on').locator('option').allTextContents()).some((o) => o.startsWith('box')), 60000);
    await form.getByLabel('Run on').selectOption('box');
    await waitFor('the host\'s playbook', async () => (await form.getByLabel('Playbook', { exact: true }).locator('option').allTextContents()).join() === 'box (0 of 1 tasks done)', 60000);
    await model.enqueueTurn([{ tool: 'Read', args: { file_path: remoteDoc } }]);
    await model.enqueueTurn([{ tool: 'Edit', args: { file_path: remoteDoc, old_string: '- [ ] Say hello', new_string: '- [x] Say hello' } }, { text: 'Done: Say hello.' }]);
    await form.getByRole('button', { name: 'Start run' }).click();
    const runPage = panel.getByRole('region', { name: 'Run box' });
    await runPage.waitFor({ state: 'visible', timeout: 60000 });
    await runPage.locator('.run-item .status', { hasText: 'done' }).waitFor({ state: 'visible', timeout: 120000 });
    await waitFor('the task listed done', async () => (await runPage.locator('.run-tasks li').getAttribute('data-state')) === 'done', 30000);
    expect(readFileSync(remoteDoc, 'utf8')).toBe('# On the box\n\n- [x] Say hello\n');
    await shot('remote-playbook-done');
  });
});
