import { describe, expect, it } from 'vitest';
import type { HostToPanel } from '../../src/bridge/messages';
import { isPanelToHost } from '../../src/bridge/messages';
import { PanelBridge } from '../../src/bridge/panelBridge';
import { PermissionBroker } from '../../src/permissions/permissionBroker';
import { FakeRpcClient } from './fakeRpcClient';

function setup() {
  const server = new FakeRpcClient();
  const actionCalls: unknown[] = [];
  const actions = new Map<string, (params: unknown) => Promise<unknown>>([
    ['host/openFile', async (params) => void actionCalls.push(params)],
  ]);
  const broker = new PermissionBroker(() => new Promise(() => undefined)); // a notification nobody answers
  const bridge = new PanelBridge(server, actions, () => ({ host: 'vscode', workspaceFolders: ['/w'], settings: { defaultAgent: 'claude-code' } }), broker);
  const received: HostToPanel[] = [];
  const port = { post: (m: HostToPanel) => received.push(m) };
  bridge.attach(port);
  return { server, bridge, broker, port, received, actionCalls };
}

describe('PanelBridge', () => {
  it('answers ready with hostInfo (listing the host actions), the server state and pending server requests', async () => {
    const { bridge, broker, port, received } = setup();
    void broker.handle('permissions/request', { sessionId: 's', toolCall: {}, options: [] }, new AbortController().signal);
    received.length = 0;
    await bridge.receive(port, { kind: 'ready' });
    expect(received).toEqual([
      { kind: 'hostInfo', host: 'vscode', workspaceFolders: ['/w'], settings: { defaultAgent: 'claude-code' }, hostActions: ['host/openFile'] },
      { kind: 'serverState', state: 'ready' },
      { kind: 'serverRequest', id: 1, method: 'permissions/request', params: { sessionId: 's', toolCall: {}, options: [] } },
    ]);
  });

  it('shows a session in the open panels and in a panel that loads afterwards', async () => {
    const { bridge, port, received } = setup();
    bridge.showSession('s_1');
    expect(received).toEqual([{ kind: 'showSession', sessionId: 's_1' }]);
    const later: HostToPanel[] = [];
    const laterPort = { post: (m: HostToPanel) => later.push(m) };
    bridge.attach(laterPort);
    await bridge.receive(laterPort, { kind: 'ready' });
    expect(later.at(-1)).toEqual({ kind: 'showSession', sessionId: 's_1' });
    void port;
  });

  it('opens the new group chat form in the ready panels, or once in the next panel to load', async () => {
    const { bridge, port, received } = setup();
    bridge.showNewChat();
    expect(received).toEqual([]);
    await bridge.receive(port, { kind: 'ready' });
    expect(received.filter((m) => m.kind === 'showNewChat')).toHaveLength(1);
    await bridge.receive(port, { kind: 'ready' });
    expect(received.filter((m) => m.kind === 'showNewChat')).toHaveLength(1);
    bridge.showNewChat();
    expect(received.at(-1)).toEqual({ kind: 'showNewChat' });
    expect(received.filter((m) => m.kind === 'showNewChat')).toHaveLength(2);
  });

  it('New Session opens the panel\'s form in the ready panels, or once in the next panel to load', async () => {
    const { bridge, port, received } = setup();
    bridge.showNewSession();
    expect(received).toEqual([]);
    await bridge.receive(port, { kind: 'ready' });
    expect(received.filter((m) => m.kind === 'showNewSession')).toHaveLength(1);
    await bridge.receive(port, { kind: 'ready' });
    expect(received.filter((m) => m.kind === 'showNewSession')).toHaveLength(1);
    bridge.showNewSession();
    expect(received.filter((m) => m.kind === 'showNewSession')).toHaveLength(2);
  });

  it('Run Playbook opens the start-a-run screen with its playbook in the ready panels, or once in the next panel to load', async () => {
    const { bridge, port, received } = setup();
    bridge.showStartRun('/w/.maestro/playbooks/release');
    expect(received).toEqual([]);
    await bridge.receive(port, { kind: 'ready' });
    expect(received.filter((m) => m.kind === 'showStartRun')).toEqual([{ kind: 'showStartRun', playbook: '/w/.maestro/playbooks/release' }]);
    await bridge.receive(port, { kind: 'ready' });
    expect(received.filter((m) => m.kind === 'showStartRun')).toHaveLength(1);
    bridge.showStartRun();
    expect(received.at(-1)).toEqual({ kind: 'showStartRun' });
  });

  it("Show Stats shows the Stats tab in the open panels and in a panel that loads afterwards (the latest ask wins)", async () => {
    const { bridge, received } = setup();
    bridge.showSession('s_1');
    bridge.showTab('stats');
    expect(received).toEqual([{ kind: 'showSession', sessionId: 's_1' }, { kind: 'showTab', tab: 'stats' }]);
    const later: HostToPanel[] = [];
    const laterPort = { post: (m: HostToPanel) => later.push(m) };
    bridge.attach(laterPort);
    await bridge.receive(laterPort, { kind: 'ready' });
    expect(later.filter((m) => m.kind === 'showTab' || m.kind === 'showSession')).toEqual([{ kind: 'showTab', tab: 'stats' }]);
  });

  it('forwards requests to the server and returns the result under the panel id', async () => {
    const { server, bridge, port, received } = setup();
    server.handlers.set('sessions/list', () => ({ sessions: [] }));
    await bridge.receive(port, { kind: 'request', id: 7, method: 'sessions/list', params: {} });
    expect(server.requests).toEqual([{ method: 'sessions/list', params: {} }]);
    expect(received).toEqual([{ kind: 'response', id: 7, result: { sessions: [] } }]);
  });

  it('returns the server error with its code, message and data (e.g. a feature not landed)', async () => {
    const { bridge, port, received } = setup();
    await bridge.receive(port, { kind: 'request', id: 8, method: 'chat/list' });
    expect(received).toEqual([{ kind: 'response', id: 8, error: { code: -32601, message: 'no fake for chat/list', data: { kind: 'FeatureNotLanded', feature: 'Test' } } }]);
  });

  it('runs host actions itself and never sends host/ methods to the server', async () => {
    const { server, bridge, port, received, actionCalls } = setup();
    await bridge.receive(port, { kind: 'request', id: 9, method: 'host/openFile', params: { path: '/w/a.txt' } });
    await bridge.receive(port, { kind: 'request', id: 10, method: 'host/unknown' });
    expect(actionCalls).toEqual([{ path: '/w/a.txt' }]);
    expect(server.requests).toEqual([]);
    expect(received[0]).toEqual({ kind: 'response', id: 9, result: null });
    expect(received[1]).toMatchObject({ kind: 'response', id: 10, error: { code: -32601 } });
  });

  it('forwards every server notification and state change to attached panels, and stops after detach', () => {
    const server = new FakeRpcClient();
    const bridge = new PanelBridge(server, new Map(), () => ({ host: 'vscode', workspaceFolders: [], settings: {} }), new PermissionBroker(async () => undefined));
    const received: HostToPanel[] = [];
    const attachment = bridge.attach({ post: (m) => received.push(m) });
    server.notify('sessions/events', { sessionId: 's', events: [] });
    server.setState('restarting', 'it died');
    attachment.dispose();
    server.notify('review/changed', { cwd: '/r', paths: [] });
    expect(received).toEqual([
      { kind: 'notification', method: 'sessions/events', params: { sessionId: 's', events: [] } },
      { kind: 'serverState', state: 'restarting', message: 'it died' },
    ]);
  });

  it('routes a serverResponse to the permission broker', async () => {
    const { bridge, broker, port } = setup();
    const answer = broker.handle('permissions/request', { sessionId: 's', toolCall: {}, options: [] }, new AbortController().signal);
    await bridge.receive(port, { kind: 'serverResponse', id: 1, result: { optionId: 'allow', cancelled: false } });
    expect(await answer).toEqual({ optionId: 'allow', cancelled: false });
  });

  it('accepts only messages of the contract from a webview', () => {
    expect(isPanelToHost({ kind: 'ready' })).toBe(true);
    expect(isPanelToHost({ kind: 'request', id: 1, method: 'x' })).toBe(true);
    expect(isPanelToHost({ kind: 'request', id: '1', method: 'x' })).toBe(false);
    expect(isPanelToHost({ kind: 'serverResponse', id: 'a', result: 1 })).toBe(true);
    expect(isPanelToHost({ kind: 'evil' })).toBe(false);
    expect(isPanelToHost(null)).toBe(false);
  });
});
