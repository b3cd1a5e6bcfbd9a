import { beforeEach, describe, expect, it } from 'vitest';
import { answerMessagesWith, ProgressLocation, recorded } from '../fakes/vscode';
import type { InitializeResult } from '../../src/protocol';
import { restartWithFeedback } from '../../src/server/restartFeedback';
import type { ServerState } from '../../src/server/rpcClient';
import { serverErrorActions, ServerNotices } from '../../src/server/serverNotices';
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
  beforeEach(() => recorded.reset());

  it('a bad maestro.serverPath: Open Settings first, and it opens that setting', async () => {
    const server = new RestartingServer();
    answerMessagesWith(async () => 'Open Settings');
    new ServerNotices(server, () => {});
    server.setState('stopped', 'The Maestro server set in "maestro.serverPath" (/nope/maestro) does not exist or is not executable.', 'maestro.serverPath');
    await settle();
    expect(recorded.messages).toEqual([expect.objectContaining({ level: 'error', items: ['Open Settings', 'Show Output'] })]);
    expect(recorded.messages[0].text).toContain('/nope/maestro');
    expect(recorded.executed).toEqual([{ command: 'workbench.action.openSettings', args: ['maestro.serverPath'] }]);
    expect(server.restarts).toBe(0);
  });

  it('a crash that kept failing: Show Output and Restart, and Restart restarts', async () => {
    const server = new RestartingServer();
    answerMessagesWith(async () => 'Restart');
    new ServerNotices(server, () => {});
    server.setState('stopped', 'The Maestro server exited with code 1 and kept failing');
    await settle();
    expect(recorded.messages[0].items).toEqual(['Show Output', 'Restart']);
    expect(server.restarts).toBe(1);
  });

  it('a crash being restarted lives in the status bar only (no toast), and deactivation says nothing', async () => {
    const server = new RestartingServer();
    new ServerNotices(server, () => {});
    server.setState('restarting', 'restarting in 1 s');
    server.setState('restarting', 'restarting in 2 s');
    server.setState('ready');
    server.setState('stopped', 'The extension was deactivated.');
    await settle();
    expect(recorded.messages).toEqual([]);
  });

  it('shows the same failure once while its error is open (a cold-window command starts the server a second time)', async () => {
    const server = new RestartingServer();
    let answer: (value: string | undefined) => void = () => {};
    answerMessagesWith(() => new Promise((resolve) => (answer = resolve)));
    new ServerNotices(server, () => {});
    const failure = 'The Maestro server was not found: set "maestro.serverPath"';
    server.setState('stopped', failure, 'maestro.serverPath');
    server.setState('starting');
    server.setState('stopped', failure, 'maestro.serverPath');
    expect(recorded.messages).toHaveLength(1);
    answer(undefined);
    await settle();
    server.setState('stopped', failure, 'maestro.serverPath');
    expect(recorded.messages).toHaveLength(2);
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
    expect(recorded.progress).toEqual([{ location: ProgressLocation.Window, title: 'Maestro: restarting the server…' }]);
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
