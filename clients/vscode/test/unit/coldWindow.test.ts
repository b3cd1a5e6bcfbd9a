import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureServer, type StartableServer } from '../../src/server/ensureServer';
import { MaestroServer } from '../../src/server/maestroServer';
import type { ServerState } from '../../src/server/rpcClient';

const root = resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const extensionSource = readFileSync(join(root, 'src', 'extension.ts'), 'utf8');
type Entry = { command: string; when?: string; key?: string };

// The commands a user reaches for in a fresh window: they must be there before the Maestro view was ever opened.
const coreCommands = ['maestro.newSession', 'maestro.promptSession', 'maestro.runPlaybook', 'maestro.reviewChanges', 'maestro.newGroupChat', 'maestro.openTranscript', 'maestro.showStats'];

describe('the core commands in a cold window', () => {
  const palette = manifest.contributes.menus.commandPalette as Entry[];
  const keybindings = manifest.contributes.keybindings as Entry[];

  it('are in the command palette without waiting for the server', () => {
    for (const command of coreCommands) {
      const when = palette.find((e) => e.command === command)?.when ?? '';
      expect(when, command).not.toContain('maestro.serverReady');
      expect(when, command).not.toBe('false');
    }
  });

  it('only the commands on the agent\'s pending changes wait for the server to show (there is nothing to act on before)', () => {
    const gated = palette.filter((e) => (e.when ?? '').includes('maestro.serverReady')).map((e) => e.command);
    expect(gated.sort()).toEqual(['maestro.acceptAll', 'maestro.acceptHunk', 'maestro.rejectAll', 'maestro.rejectHunk', 'maestro.stageHunk']);
  });

  it('the worktree commands show once a session works in a worktree (a context key the extension keeps)', () => {
    for (const command of ['maestro.openWorktreeInNewWindow', 'maestro.mergeWorktree', 'maestro.deleteWorktree']) {
      expect(palette.find((e) => e.command === command)?.when, command).toBe('maestro.hasWorktreeSessions');
    }
    expect(extensionSource).toContain("'maestro.hasWorktreeSessions'");
  });

  it('have chords that work before the server is up', () => {
    for (const command of ['maestro.newSession', 'maestro.promptSession', 'maestro.reviewChanges', 'maestro.undoReviewDecision']) {
      const binding = keybindings.find((k) => k.command === command);
      expect(binding?.key, command).toMatch(/^ctrl\+alt\+m /);
      expect(binding?.when ?? '', command).not.toContain('maestro.serverReady');
    }
  });

  it('activate the extension: contributed commands (VS Code 1.74+ adds onCommand activation for them)', () => {
    const contributed = new Set((manifest.contributes.commands as Entry[]).map((c) => c.command));
    for (const command of coreCommands) expect(contributed.has(command), command).toBe(true);
    const [major, minor] = String(manifest.engines.vscode).replace(/^\^/, '').split('.').map(Number);
    expect(major * 1000 + minor).toBeGreaterThanOrEqual(1074);
  });

  it('start the server before doing their work (registered through serverCommand)', () => {
    for (const command of coreCommands) expect(extensionSource, command).toContain(`serverCommand('${command}'`);
  });

  it('New Session is in the view title whatever the server state', () => {
    const entry = (manifest.contributes.menus['view/title'] as Entry[]).find((e) => e.command === 'maestro.newSession');
    expect(entry?.when).toBe('view == maestro.panel');
  });

  it('the view title has the core actions as codicons, as GitLens does: New Session, Run Playbook, Review Changes; Show Stats in its "…" menu', () => {
    const titleMenu = manifest.contributes.menus['view/title'] as (Entry & { group?: string })[];
    const commands = manifest.contributes.commands as { command: string; icon?: string }[];
    const inline = titleMenu.filter((e) => e.group?.startsWith('navigation')).sort((a, b) => a.group!.localeCompare(b.group!));
    expect(inline.map((e) => e.command)).toEqual(['maestro.newSession', 'maestro.runPlaybook', 'maestro.reviewChanges']);
    // An action in the title bar shows its icon: each has a codicon (a title without one would show as text).
    for (const entry of inline) expect(commands.find((c) => c.command === entry.command)?.icon, entry.command).toMatch(/^\$\([a-z-]+\)$/);
    const overflow = titleMenu.filter((e) => !e.group?.startsWith('navigation'));
    expect(overflow.map((e) => e.command)).toEqual(['maestro.showStats']);
    expect(commands.find((c) => c.command === 'maestro.showStats')?.icon).toBe('$(graph)');
    // Shown in the Maestro view only, and (like the palette's core commands) whatever the server state.
    for (const entry of titleMenu) expect(entry.when, entry.command).toBe('view == maestro.panel');
  });

  it('offers one way to open the view: "Maestro: Open" in the palette and on a chord (the activity bar being the other)', () => {
    const commands = manifest.contributes.commands as { command: string; title: string; category?: string }[];
    const open = commands.find((c) => c.command === 'maestro.focus');
    expect(`${open?.category}: ${open?.title}`).toBe('Maestro: Open');
    expect(palette.find((e) => e.command === 'maestro.focus')).toBeUndefined(); // no `when`: always in the palette
    expect(keybindings.find((k) => k.command === 'maestro.focus')?.key).toBe('ctrl+alt+m o');
    // No second command of ours opens or focuses the view.
    expect(commands.filter((c) => /\b(open|focus|show)\b.*\b(panel|view)\b/i.test(c.title)).map((c) => c.command)).toEqual([]);
    expect(manifest.contributes.viewsContainers.activitybar).toHaveLength(1);
    expect(manifest.contributes.views.maestro).toHaveLength(1);
  });
});

/** A server that starts (or fails to) when asked, and says when it is ready. */
class ScriptedServer implements StartableServer {
  restarts = 0;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  constructor(public state: ServerState, private readonly startsTo: 'ready' | 'stopped') {}
  async restart(): Promise<void> {
    this.restarts++;
    this.state = 'starting';
    await Promise.resolve();
    this.settle(this.startsTo);
  }
  settle(state: 'ready' | 'stopped'): void {
    this.state = state;
    for (const w of this.waiters.splice(0)) (state === 'ready' ? w.resolve() : w.reject(new Error('not found')));
  }
  whenReady(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve();
    if (this.state === 'stopped') return Promise.reject(new Error('stopped'));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }
}

describe('ensureServer', () => {
  it('starts a stopped server and goes on once it is ready', async () => {
    const server = new ScriptedServer('stopped', 'ready');
    expect(await ensureServer(server)).toBe(true);
    expect(server.restarts).toBe(1);
  });

  it('waits for a server that is starting, without starting another', async () => {
    const server = new ScriptedServer('starting', 'ready');
    const ensured = ensureServer(server);
    let done = false;
    void ensured.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    server.settle('ready');
    expect(await ensured).toBe(true);
    expect(server.restarts).toBe(0);
  });

  it('goes on at once when the server is ready', async () => {
    const server = new ScriptedServer('ready', 'ready');
    expect(await ensureServer(server)).toBe(true);
    expect(server.restarts).toBe(0);
  });

  it('stops the command when the server cannot start: a bad maestro.serverPath, named with the setting to fix', async () => {
    let lookups = 0;
    const server = new MaestroServer({
      locate: () => {
        lookups++;
        return { found: false, message: 'The Maestro server set in "maestro.serverPath" (/nope) does not exist', setting: 'maestro.serverPath' };
      },
      env: () => ({}),
      workspaceFolders: () => [],
      clientVersion: '0.0.0',
      log: () => {},
    });
    const changes: { state: string; setting?: string }[] = [];
    server.onDidChangeState((c) => changes.push(c));
    expect(await ensureServer(server)).toBe(false);
    expect(lookups).toBe(1);
    expect(changes.at(-1)).toEqual({ state: 'stopped', message: expect.stringContaining('/nope'), setting: 'maestro.serverPath' });
    expect(server.stateSetting).toBe('maestro.serverPath');
    await server.dispose();
  });
});
