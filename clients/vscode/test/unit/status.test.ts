import { beforeEach, describe, expect, it } from 'vitest';
import { recorded } from '../fakes/vscode';
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
    expect(s.text).toBe('Maestro $(sync~spin) 2 $(bell-dot) 1 $(checklist) 1');
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
    expect(item.command).toBe('maestro.focus');

    const loaded = new Promise<void>((resolve) => tracker.onDidChange(() => resolve()));
    server.setState('ready');
    await loaded;
    expect(item.text).toBe('$(hubot) Maestro');

    server.notify('sessions/changed', { session: session('a', 'running') });
    server.notify('runs/progress', { run: run('r1', 'running'), event: 'taskStarted' });
    expect(item.text).toBe('Maestro $(sync~spin) 1 $(checklist) 1');
    expect(tracker.openSessions().map((s) => s.id)).toEqual(['a']);
  });
});
