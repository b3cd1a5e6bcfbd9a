import { describe, expect, test } from 'vitest';
import type { HostToPanel } from '../../src/bridge/messages';
import { remoteTransport, tokenFromHash, type RemoteSocketLike, type RemoteWindow } from '../../src/bridge/remoteTransport';

/** A WebSocket stand-in: records what the page sent; the test plays the server. */
class FakeSocket implements RemoteSocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closed: { code?: number; reason?: string } | undefined;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  reply(message: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify({ jsonrpc: '2.0', ...message }) });
  }

  drop(code = 1006): void {
    this.onclose?.({ code, reason: '' });
  }
}

function page(hash = '#token=abc_DEF-123') {
  const sockets: FakeSocket[] = [];
  const timers: (() => void)[] = [];
  const win: RemoteWindow = {
    location: { hash, host: '127.0.0.1:4321', protocol: 'http:' },
    WebSocket: class {
      constructor(url: string) {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      }
    } as unknown as RemoteWindow['WebSocket'],
    setTimeout: (handler) => timers.push(handler),
  };
  const transport = remoteTransport(win);
  const received: HostToPanel[] = [];
  transport.listen((m) => received.push(m));
  return { transport, received, sockets, timers };
}

/** Authenticates and initializes the latest socket as the server would. */
function serve(socket: FakeSocket, readOnly = false): void {
  socket.open();
  socket.reply({ id: 'remote-authenticate', result: { readOnly } });
  socket.reply({ id: 'remote-initialize', result: { protocolVersion: '1.0', serverInfo: { name: 'maestro', version: '0.1.0' }, capabilities: {} } });
}

describe('remote transport', () => {
  test('reads the token from the fragment only', () => {
    expect(tokenFromHash('#token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(tokenFromHash('#x=1&token=t0k')).toBe('t0k');
    expect(tokenFromHash('')).toBeUndefined();
    expect(tokenFromHash('#token=<script>')).toBeUndefined();
  });

  test('authenticates first, then initializes, then sends what the panel asked meanwhile', () => {
    const { transport, received, sockets } = page();
    transport.post({ kind: 'ready' });
    transport.post({ kind: 'request', id: 1, method: 'sessions/list', params: {} });
    const socket = sockets[0]!;
    expect(socket.url).toBe('ws://127.0.0.1:4321/rpc');
    socket.open();
    expect(socket.sent).toEqual([{ jsonrpc: '2.0', id: 'remote-authenticate', method: 'remote/authenticate', params: { token: 'abc_DEF-123' } }]);
    socket.reply({ id: 'remote-authenticate', result: { readOnly: false } });
    expect(socket.sent[1]).toMatchObject({ id: 'remote-initialize', method: 'initialize', params: { capabilities: { permissions: true } } });
    expect(socket.sent).toHaveLength(2); // the panel's request waits for initialize
    socket.reply({ id: 'remote-initialize', result: {} });
    expect(socket.sent[2]).toEqual({ jsonrpc: '2.0', id: 1, method: 'sessions/list', params: {} });
    socket.reply({ id: 1, result: { sessions: [] } });
    expect(received).toContainEqual({ kind: 'response', id: 1, result: { sessions: [] } });
    expect(received).toContainEqual({ kind: 'serverState', state: 'ready', message: undefined });
    expect(received[0]).toMatchObject({ kind: 'hostInfo', host: 'browser', hostActions: [] });
  });

  test('forwards notifications, and permission requests both ways', () => {
    const { transport, received, sockets } = page();
    transport.post({ kind: 'ready' });
    const socket = sockets[0]!;
    serve(socket);
    socket.reply({ method: 'sessions/event', params: { sessionId: 's', seq: 1 } });
    expect(received).toContainEqual({ kind: 'notification', method: 'sessions/event', params: { sessionId: 's', seq: 1 } });

    socket.reply({ id: 7, method: 'permissions/request', params: { sessionId: 's' } });
    expect(received).toContainEqual({ kind: 'serverRequest', id: 7, method: 'permissions/request', params: { sessionId: 's' } });
    transport.post({ kind: 'serverResponse', id: 7, result: { outcome: 'allow' } });
    expect(socket.sent.at(-1)).toEqual({ jsonrpc: '2.0', id: 7, result: { outcome: 'allow' } });
    expect(received).toContainEqual({ kind: 'serverRequestSettled', id: 7 });

    // Answered in the editor first: the server cancels it here, the card goes.
    socket.reply({ id: 8, method: 'permissions/request', params: {} });
    socket.reply({ method: '$/cancelRequest', params: { id: 8 } });
    expect(received).toContainEqual({ kind: 'serverRequestSettled', id: 8 });
  });

  test('a wrong token stops with the server message and does not retry', () => {
    const { transport, received, sockets, timers } = page('#token=wrong');
    transport.post({ kind: 'ready' });
    const socket = sockets[0]!;
    socket.open();
    socket.reply({ id: 'remote-authenticate', error: { code: -32018, message: 'The remote access token is not valid' } });
    socket.drop(1000);
    expect(received).toContainEqual({ kind: 'serverState', state: 'stopped', message: 'The remote access token is not valid' });
    expect(timers).toHaveLength(0);
  });

  test('a page without a token says how to get one and opens no socket', () => {
    const { transport, received, sockets } = page('');
    transport.post({ kind: 'ready' });
    expect(sockets).toHaveLength(0);
    expect(received.at(-1)).toMatchObject({ kind: 'serverState', state: 'stopped' });
  });

  test('a dropped connection fails what was in flight, reconnects and is ready again', () => {
    const { transport, received, sockets, timers } = page();
    transport.post({ kind: 'ready' });
    serve(sockets[0]!);
    transport.post({ kind: 'request', id: 3, method: 'sessions/prompt', params: { sessionId: 's', text: 'hi' } });
    sockets[0]!.drop();
    expect(received).toContainEqual(expect.objectContaining({ kind: 'response', id: 3, error: expect.objectContaining({ code: -32603 }) }));
    expect(received).toContainEqual(expect.objectContaining({ kind: 'serverState', state: 'restarting' }));
    expect(timers).toHaveLength(1);
    timers[0]!();
    serve(sockets[1]!);
    expect(received.at(-1)).toEqual({ kind: 'serverState', state: 'ready', message: undefined });
  });

  test('a read-only token does not offer to answer permissions and says so', () => {
    const { transport, received, sockets } = page();
    transport.post({ kind: 'ready' });
    serve(sockets[0]!, true);
    expect(sockets[0]!.sent[1]).toMatchObject({ method: 'initialize', params: { capabilities: { permissions: false } } });
    expect(received.at(-1)).toEqual({ kind: 'serverState', state: 'ready', message: 'Read-only: you can watch, not control.' });
  });

  test('host actions are not offered', () => {
    const { transport, received, sockets } = page();
    transport.post({ kind: 'ready' });
    serve(sockets[0]!);
    transport.post({ kind: 'request', id: 4, method: 'host/openDiff', params: {} });
    expect(received).toContainEqual(expect.objectContaining({ kind: 'response', id: 4, error: expect.objectContaining({ code: -32601 }) }));
  });
});
