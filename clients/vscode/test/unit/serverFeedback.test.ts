import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clickNotificationLink, ProgressLocation, recorded } from '../fakes/vscode';
import type { InitializeResult } from '../../src/protocol';
import { restartWithFeedback } from '../../src/server/restartFeedback';
import type { ServerState } from '../../src/server/rpcClient';
import { serverErrorActions, ServerNotices } from '../../src/server/serverNotices';
import { LiveNotices } from '../../src/status/liveNotices';
import { FakeRpcClient } from './fakeRpcClient';

/** A fake server that also restarts (counting), like MaestroServer. */
class RestartingServer extends FakeRpcClient {
  restarts = 0;
  initializeResult: InitializeResult | undefined;
  constructor(private readonly restartsTo: ServerState = 'ready', private readonly message?: string) {
    super();
  }
  async restart(): Promise<void> {
    this.restarts++;
    this.setState('starting');
    await Promise.resolve();
    this.initializeResult = this.restartsTo === 'ready' ? ({ serverInfo: { name: 'maestro', version: '1.4.2' } } as InitializeResult) : undefined;
    this.setState(this.restartsTo, this.message);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('server errors offer the action that fixes them', () => {
  let notices: LiveNotices;
  beforeEach(() => {
    recorded.reset();
    notices = new LiveNotices();
  });
  afterEach(() => notices.dispose());
  const toasts = () => recorded.progress.filter((p) => p.location === ProgressLocation.Notification);
  const links = (title = '') => [...title.matchAll(/\[([^\]]+)\]\(command:/g)].map((m) => m[1]);

  it('a bad maestro.serverPath: Open Settings first, and it opens that setting; the notice stays until the server is ready', async () => {
    const server = new RestartingServer();
    new ServerNotices(server, () => {}, notices);
    server.setState('stopped', 'The Maestro server set in "maestro.serverPath" (/nope/maestro) does not exist or is not executable.', 'maestro.serverPath');
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0]!.title).toContain('/nope/maestro');
    expect(links(toasts()[0]!.title)).toEqual(['Open Settings', 'Show Output']);
    await clickNotificationLink('/nope/maestro', 'Open Settings');
    expect(recorded.executed).toEqual([{ command: 'workbench.action.openSettings', args: ['maestro.serverPath'] }]);
    expect(server.restarts).toBe(0);
    await settle();
    expect(toasts()[0]!.done).toBe(false);
    // The setting fixed, the server starts (VS Code restarts it on the changed setting): the notice goes by itself.
    server.setState('starting');
    server.setState('ready');
    await settle();
    expect(toasts()[0]!.done).toBe(true);
    expect(recorded.messages).toEqual([]);
  });

  it('a crash that kept failing: Show Output and Restart; Restart restarts, and the ready server closes the notice', async () => {
    const server = new RestartingServer();
    let outputs = 0;
    new ServerNotices(server, () => outputs++, notices);
    server.setState('stopped', 'The Maestro server exited with code 1 and kept failing');
    expect(links(toasts()[0]!.title)).toEqual(['Show Output', 'Restart']);
    await clickNotificationLink('kept failing', 'Show Output');
    expect(outputs).toBe(1);
    await clickNotificationLink('kept failing', 'Restart');
    expect(server.restarts).toBe(1);
    await settle();
    expect(toasts()[0]!.done).toBe(true);
  });

  it('its Cancel button dismisses it; the same failure later is a new one', async () => {
    const server = new RestartingServer();
    new ServerNotices(server, () => {}, notices);
    server.setState('stopped', 'The Maestro server exited with code 1 and kept failing');
    toasts()[0]!.cancel!();
    await settle();
    expect(toasts()[0]!.done).toBe(true);
    server.setState('stopped', 'The Maestro server exited with code 1 and kept failing');
    expect(toasts()).toHaveLength(2);
  });

  it('a crash being restarted lives in the status bar only (no toast), and deactivation says nothing', async () => {
    const server = new RestartingServer();
    new ServerNotices(server, () => {}, notices);
    server.setState('restarting', 'restarting in 1 s');
    server.setState('restarting', 'restarting in 2 s');
    server.setState('ready');
    server.setState('stopped', 'The extension was deactivated.');
    await settle();
    expect(toasts()).toEqual([]);
    expect(recorded.messages).toEqual([]);
  });

  it('shows the same failure once while its notice is open (a cold-window command starts the server a second time)', async () => {
    const server = new RestartingServer();
    new ServerNotices(server, () => {}, notices);
    const failure = 'The Maestro server was not found: set "maestro.serverPath"';
    server.setState('stopped', failure, 'maestro.serverPath');
    server.setState('starting');
    server.setState('stopped', failure, 'maestro.serverPath');
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0]!.done).toBe(false);
  });

  it('serverErrorActions: the setting first when a setting is the cause', () => {
    expect(serverErrorActions({ state: 'stopped', setting: 'maestro.serverPath' })[0]).toBe('Open Settings');
    expect(serverErrorActions({ state: 'stopped' })).not.toContain('Open Settings');
  });
});

describe('Restart Server gives feedback', () => {
  beforeEach(() => recorded.reset());

  it('shows progress in the status bar while restarting, then the version that answered', async () => {
    const server = new RestartingServer();
    await restartWithFeedback(server);
    expect(server.restarts).toBe(1);
    expect(recorded.progress).toEqual([{ location: ProgressLocation.Window, title: 'Maestro: restarting the server…', done: true }]);
    expect(recorded.statusBarMessages).toHaveLength(1);
    expect(recorded.statusBarMessages[0].text).toBe('$(check) Maestro: server restarted (maestro 1.4.2)');
    expect(recorded.statusBarMessages[0].timeoutMs).toBeGreaterThan(0);
    expect(recorded.messages).toEqual([]);
  });

  it('says nothing more when the restart failed: the stop message (with its fix) is shown once by ServerNotices', async () => {
    const server = new RestartingServer('stopped', 'The Maestro server set in "maestro.serverPath" (/nope) does not exist');
    await restartWithFeedback(server);
    expect(recorded.statusBarMessages).toEqual([]);
  });
});
