import { afterEach, describe, expect, it } from 'vitest';
import { MaestroServer } from '../../src/server/maestroServer';
import { describeError } from '../../src/util/rpcError';
import { responseTo, startRealHost, type RealHost } from './realServer';
import { waitFor } from './waitFor';

// The extension's MaestroServer and panel bridge against a real `maestro serve --stdio` (through its daemon),
// without VS Code.
describe('MaestroServer against the real server', () => {
  let host: RealHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });

  it('initializes with the extension capabilities and forwards panel requests and errors', { timeout: 60000 }, async () => {
    host = startRealHost();
    const states: string[] = [];
    host.server.onDidChangeState(({ state }) => states.push(state));
    await host.server.start();
    expect(host.server.state).toBe('ready');
    expect(host.server.initializeResult?.serverInfo.name).toBe('maestro');
    expect(host.server.initializeResult?.capabilities.features).toContain('sessions');

    expect(host.panel.map((m) => m.kind === 'serverState' && m.state)).toEqual(['starting', 'ready']);
    host.panel.length = 0;
    await host.send({ kind: 'ready' });
    expect(host.panel[0]).toMatchObject({ kind: 'hostInfo', host: 'vscode', hostActions: ['host/showOutput'] });
    expect(host.panel[1]).toEqual({ kind: 'serverState', state: 'ready' });

    await host.send({ kind: 'request', id: 1, method: 'agents/list' });
    const agents = responseTo(host.panel, 1)?.result as { agents: { id: string }[] };
    expect(agents.agents.map((a) => a.id)).toContain('claude-code');

    // A method this server does not have: the error reaches the panel as the server said it, and reads "not available yet".
    await host.send({ kind: 'request', id: 2, method: 'future/feature', params: {} });
    const error = responseTo(host.panel, 2)?.error;
    expect(error?.code).toBe(-32601);
    expect(describeError(error)).toMatch(/not available yet/i);

    await host.send({ kind: 'request', id: 3, method: 'sessions/get', params: { sessionId: 'nope' } });
    expect(responseTo(host.panel, 3)?.error?.code).toBe(-32010);
  });

  it('restarts a server that died, says so, serves again, and holds a panel request sent meanwhile until it answers', { timeout: 60000 }, async () => {
    host = startRealHost();
    await host.server.start();
    const first = host.server.pid;
    const seen: string[] = [];
    host.server.onDidChangeState(({ state, message }) => seen.push(`${state}${message ? `: ${message}` : ''}`));
    process.kill(first!, 'SIGKILL');

    // Sent during the outage (a prompt would be too): the host does not fail it, it waits for the server to be back.
    await waitFor('the restarting state', () => host!.server.state === 'restarting');
    const held = host.send({ kind: 'request', id: 7, method: 'sessions/list', params: {} });
    await held;
    expect(responseTo(host.panel, 7)).toMatchObject({ result: { sessions: [] } });
    expect(host.server.pid).not.toBe(first);

    await waitFor('the restarted server', () => host!.server.state === 'ready' && host!.server.pid !== first);
    expect(seen[0]).toMatch(/^restarting: The Maestro server killed by SIGKILL; restarting in \d+ s\.$/);
    expect(host.panel.some((m) => m.kind === 'serverState' && m.state === 'restarting')).toBe(true);
    const { sessions } = await host.server.request<{ sessions: unknown[] }>('sessions/list', {});
    expect(sessions).toEqual([]);
  });

  it('stops with a clear message when the binary is missing, and rejects requests', { timeout: 30000 }, async () => {
    const missing = new MaestroServer({
      locate: () => ({ found: false, message: 'The Maestro server was not found' }),
      env: () => process.env,
      workspaceFolders: () => [],
      clientVersion: 'test',
      log: () => undefined,
    });
    await missing.start();
    expect(missing.state).toBe('stopped');
    await expect(missing.request('agents/list')).rejects.toThrow('The Maestro server was not found');
  });

  it('says goodbye with shutdown and exit: the serve process leaves on its own', { timeout: 30000 }, async () => {
    host = startRealHost();
    await host.server.start();
    const pid = host.server.pid!;
    await host.server.dispose();
    await waitFor('the serve process to exit', () => !isAlive(pid), 10000);
    expect(host.log.join('\n')).not.toMatch(/SIGKILL/);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
