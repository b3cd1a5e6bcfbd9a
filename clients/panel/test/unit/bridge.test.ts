import { describe, expect, test, vi } from 'vitest';
import { HostBridge } from '../../src/bridge/hostBridge';
import type { HostToPanel, PanelToHost } from '../../src/bridge/messages';
import { RpcError } from '../../src/bridge/rpcError';
import { pickTransport, postReceiveTransport, type HostWindow, type Transport } from '../../src/bridge/transport';

function recordingTransport(): Transport & { posted: PanelToHost[]; deliver(m: HostToPanel): void } {
  let receiver: (m: HostToPanel) => void = () => undefined;
  const posted: PanelToHost[] = [];
  return { posted, post: (m) => posted.push(m), listen: (r) => (receiver = r), deliver: (m) => receiver(m) };
}

/** A window stand-in with just what the transports touch. */
function fakeWindow(extra: Partial<HostWindow> = {}): HostWindow & { fire(type: string, detail?: unknown): void } {
  const listeners = new Map<string, ((e: unknown) => void)[]>();
  return {
    ...extra,
    addEventListener: (type: string, l: (e: unknown) => void) => listeners.set(type, [...(listeners.get(type) ?? []), l]),
    fire: (type: string, data?: unknown) => listeners.get(type)?.forEach((l) => l({ data })),
  } as unknown as HostWindow & { fire(type: string, detail?: unknown): void };
}

describe('HostBridge', () => {
  test('correlates responses with requests by id, in any order', async () => {
    const transport = recordingTransport();
    const bridge = new HostBridge(transport);
    const first = bridge.request('sessions/list', {});
    const second = bridge.request('agents/list');
    expect(transport.posted).toEqual([
      { kind: 'request', id: 1, method: 'sessions/list', params: {} },
      { kind: 'request', id: 2, method: 'agents/list' },
    ]);
    transport.deliver({ kind: 'response', id: 2, result: { agents: [] } });
    transport.deliver({ kind: 'response', id: 1, result: { sessions: [] } });
    await expect(first).resolves.toEqual({ sessions: [] });
    await expect(second).resolves.toEqual({ agents: [] });
    expect(bridge.pendingCount).toBe(0);
  });

  test('rejects with an RpcError carrying code, message and data', async () => {
    const transport = recordingTransport();
    const bridge = new HostBridge(transport);
    const request = bridge.request('chat/list');
    transport.deliver({ kind: 'response', id: 1, error: { code: -32601, message: 'Group chat has not landed', data: { kind: 'FeatureNotLanded', feature: 'Group chat' } } });
    const error = await request.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: -32601, message: 'Group chat has not landed', data: { feature: 'Group chat' }, isNotAvailable: true });
  });

  test('ignores a response to nothing it asked', () => {
    const transport = recordingTransport();
    const bridge = new HostBridge(transport);
    expect(() => transport.deliver({ kind: 'response', id: 99, result: 1 })).not.toThrow();
    expect(bridge.pendingCount).toBe(0);
  });

  test('dispatches server requests and posts the answer back with the same id', () => {
    const transport = recordingTransport();
    const bridge = new HostBridge(transport);
    const seen = vi.fn();
    bridge.addListener({ serverRequest: seen });
    transport.deliver({ kind: 'serverRequest', id: 'srv-7', method: 'permissions/request', params: { sessionId: 's' } });
    expect(seen).toHaveBeenCalledWith({ id: 'srv-7', method: 'permissions/request', params: { sessionId: 's' } });
    bridge.respond('srv-7', { optionId: 'allow' });
    expect(transport.posted.at(-1)).toEqual({ kind: 'serverResponse', id: 'srv-7', result: { optionId: 'allow' } });
  });

  test('a throwing listener does not stop the others', () => {
    const transport = recordingTransport();
    const bridge = new HostBridge(transport);
    const second = vi.fn();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bridge.addListener({ notification: () => { throw new Error('boom'); } });
    bridge.addListener({ notification: second });
    transport.deliver({ kind: 'notification', method: 'sessions/changed', params: {} });
    expect(second).toHaveBeenCalledOnce();
  });
});

describe('transports', () => {
  test('VS Code: acquireVsCodeApi posts, window messages receive (others are ignored)', () => {
    const postMessage = vi.fn();
    const win = fakeWindow({ acquireVsCodeApi: () => ({ postMessage }) });
    const { transport, host } = pickTransport(win);
    expect(host).toBe('vscode');
    const received: HostToPanel[] = [];
    transport.listen((m) => received.push(m));
    transport.post({ kind: 'ready' });
    expect(postMessage).toHaveBeenCalledWith({ kind: 'ready' });
    win.fire('message', { kind: 'serverState', state: 'ready' });
    win.fire('message', { somethingElse: true });
    expect(received).toEqual([{ kind: 'serverState', state: 'ready' }]);
  });

  test('post/receive: waits for maestroHostPost (maestroHostReady), accepts JSON strings, keeps early messages', () => {
    const win = fakeWindow();
    const transport = postReceiveTransport(win);
    transport.post({ kind: 'ready' });
    win.maestroReceive!('{"kind":"serverState","state":"starting"}');
    const sent: string[] = [];
    win.maestroHostPost = (json) => sent.push(json);
    expect(sent).toEqual([]);
    win.fire('maestroHostReady');
    expect(sent).toEqual(['{"kind":"ready"}']);
    const received: HostToPanel[] = [];
    transport.listen((m) => received.push(m));
    win.maestroReceive!({ kind: 'serverRequestSettled', id: 3 });
    win.maestroReceive!('not json');
    expect(received).toEqual([{ kind: 'serverState', state: 'starting' }, { kind: 'serverRequestSettled', id: 3 }]);
  });
});
