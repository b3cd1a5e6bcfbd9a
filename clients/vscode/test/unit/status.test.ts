import { beforeEach, describe, expect, it } from 'vitest';
import { recorded, ThemeColor } from '../fakes/vscode';
import { PermissionBroker } from '../../src/permissions/permissionBroker';
import type { Run, Session } from '../../src/protocol';
import type { MaestroServer } from '../../src/server/maestroServer';
import { ActivityTracker } from '../../src/status/activityTracker';
import { StatusBar } from '../../src/status/statusBar';
import { statusText } from '../../src/status/statusText';
import { FakeRpcClient } from './fakeRpcClient';

const session = (id: string, status: Session['status']): Session =>
  ({ id, name: id, agentId: 'claude-code', cwd: '/r', status, permissionMode: 'bypass', lastSeq: 0, createdAt: '', updatedAt: id, usage: {} }) as unknown as Session;
const run = (id: string, status: Run['status']): Run => ({ id, playbook: 'pb', status, done: 1, total: 3 }) as unknown as Run;

describe('statusText', () => {
  it('counts running and waiting agents and running Playbook runs', () => {
    const s = statusText('ready', undefined, [session('a', 'running'), session('b', 'running'), session('c', 'waiting'), session('d', 'idle')], [run('r', 'running'), run('q', 'done')]);
    expect(s.text).toBe('Maestro $(sync~spin) 2 $(bell-dot) 1 waiting for you $(checklist) 1');
    expect(s.tooltip).toContain('2 agents running');
    expect(s.tooltip).toContain('1 agent waiting for you');
    expect(s.tooltip).toContain('pb: 1/3');
    expect(s.warning).toBe(true);
  });

  it('is quiet when nothing runs, and says when the server is down', () => {
    expect(statusText('ready', undefined, [session('d', 'idle')], []).text).toBe('$(hubot) Maestro');
    const down = statusText('stopped', 'maestro was not found', [], []);
    expect(down.text).toBe('$(error) Maestro');
    expect(down.tooltip).toBe('maestro was not found');
    expect(statusText('restarting', 'restarting in 2 s', [], []).warning).toBe(true);
  });
});

describe('statusText for a run at a human-in-the-loop gate', () => {
  it('counts it as waiting for you, names the gate in the tooltip and draws attention', () => {
    const gated = { ...run('g', 'waiting'), gate: { reason: 'Read the draft', task: { document: '/r/p.md', line: 3, text: 'Approve', attempt: 1 }, markerLine: 2, since: '2026-12-01T00:00:00Z' } } as Run;
    const s = statusText('ready', undefined, [], [gated]);
    expect(s.text).toBe('Maestro $(bell-dot) 1 waiting for you $(checklist) 1');
    expect(s.warning).toBe(true);
    expect(s.tooltip).toContain('(needs your approval: Read the draft)');
    expect(s.label).toBe('Maestro: 0 agents running, 0 agents waiting for you, 1 Playbook run in progress, 1 run needing your approval');
    const outage = statusText('ready', undefined, [], [run('w', 'waiting')]);
    expect([outage.warning, outage.tooltip.includes('(waiting for the provider)')]).toEqual([false, true]);
  });
});

describe('statusText for screen readers and the connected server', () => {
  it('spells the counts out for screen readers, without codicons', () => {
    const s = statusText('ready', undefined, [session('a', 'running'), session('c', 'waiting')], [run('r', 'running')]);
    expect(s.label).toBe('Maestro: 1 agent running, 1 agent waiting for you, 1 Playbook run in progress');
    for (const state of ['starting', 'restarting', 'stopped', 'ready'] as const) {
      const label = statusText(state, 'the reason', [], []).label;
      expect(label, state).toMatch(/^Maestro: /);
      expect(label, state).not.toMatch(/\$\(/);
    }
    expect(statusText('stopped', 'maestro was not found', [], []).label).toBe('Maestro: the server is not running. maestro was not found');
  });

  it('names the connected server\'s version and path in the tooltip', () => {
    const s = statusText('ready', undefined, [], [], { info: { name: 'maestro', version: '1.4.2' }, path: '/opt/maestro/bin/maestro' });
    expect(s.tooltip).toContain('Server: maestro 1.4.2 at /opt/maestro/bin/maestro');
    expect(s.tooltip.split('\n').at(-1)).toBe('Click to open the Maestro panel.');
    expect(statusText('ready', undefined, [], []).tooltip).not.toContain('Server:');
  });
});

describe('StatusBar with ActivityTracker', () => {
  beforeEach(() => recorded.reset());

  it('fills from sessions/list and runs/list when the server is ready, then follows sessions/changed and runs/progress', async () => {
    const server = new FakeRpcClient();
    server.state = 'starting';
    server.handlers.set('sessions/list', () => ({ sessions: [session('a', 'idle')] }));
    server.handlers.set('runs/list', () => ({ runs: [] }));
    const tracker = new ActivityTracker(server);
    new StatusBar(server as unknown as MaestroServer, tracker);
    const item = recorded.statusBarItems[0];
    expect(item.text).toBe('$(loading~spin) Maestro');
    expect(item.accessibilityInformation).toEqual({ label: 'Maestro: starting the server', role: 'button' });
    expect(item.command).toBe('maestro.focus');

    const loaded = new Promise<void>((resolve) => tracker.onDidChange(() => resolve()));
    server.setState('ready');
    await loaded;
    expect(item.text).toBe('$(hubot) Maestro');
    expect(item.accessibilityInformation).toEqual({ label: 'Maestro: 0 agents running, 0 agents waiting for you, 0 Playbook runs in progress', role: 'button' });

    server.notify('sessions/changed', { session: session('a', 'running') });
    server.notify('runs/progress', { run: run('r1', 'running'), event: 'taskStarted' });
    expect(item.text).toBe('Maestro $(sync~spin) 1 $(checklist) 1');
    expect(tracker.openSessions().map((s) => s.id)).toEqual(['a']);
  });

  it('names the server it is connected to: the version initialize gave and the path it started', async () => {
    const server = Object.assign(new FakeRpcClient(), {
      initializeResult: { serverInfo: { name: 'maestro', version: '2.0.1' } },
      serverPath: '/work/artifacts/bin/maestro',
    });
    server.handlers.set('sessions/list', () => ({ sessions: [] }));
    server.handlers.set('runs/list', () => ({ runs: [] }));
    new StatusBar(server as unknown as MaestroServer, new ActivityTracker(server));
    expect(recorded.statusBarItems[0].tooltip).toContain('Server: maestro 2.0.1 at /work/artifacts/bin/maestro');
  });

  it('a session with a permission request waiting counts as waiting for you, not running, on the warning colour', async () => {
    const server = new FakeRpcClient();
    server.handlers.set('sessions/list', () => ({ sessions: [session('a', 'running'), session('b', 'running')] }));
    server.handlers.set('runs/list', () => ({ runs: [] }));
    const tracker = new ActivityTracker(server);
    const broker = new PermissionBroker(() => new Promise(() => undefined));
    new StatusBar(server as unknown as MaestroServer, tracker, broker);
    await tracker.refresh();
    const item = recorded.statusBarItems[0];
    expect([item.text, item.backgroundColor]).toEqual(['Maestro $(sync~spin) 2', undefined]);

    const controller = new AbortController();
    const answered = broker.handle('permissions/request', { sessionId: 'b', toolCall: { title: 'Write greeting.txt' }, options: [] }, controller.signal);
    expect(item.text).toBe('Maestro $(sync~spin) 1 $(bell-dot) 1 waiting for you');
    expect(item.backgroundColor).toEqual(new ThemeColor('statusBarItem.warningBackground'));
    expect(item.accessibilityInformation?.label).toBe('Maestro: 1 agent running, 1 agent waiting for you, 0 Playbook runs in progress');

    broker.answerFromPanel(1, { optionId: 'allow', cancelled: false });
    await answered;
    expect([item.text, item.backgroundColor]).toEqual(['Maestro $(sync~spin) 2', undefined]);
  });
});
