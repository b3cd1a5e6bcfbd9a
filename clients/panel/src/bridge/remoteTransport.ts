// The remote host: the page the daemon serves to a phone (`maestro remote start`). There is no editor in between, so
// this transport is the host itself: it speaks JSON-RPC to the server over the page's WebSocket (`/rpc`), first
// `remote/authenticate` with the token from the URL fragment, then `initialize`, and turns the server's messages into
// the bridge messages the panel understands. It reconnects after a network drop; the panel refreshes on `ready`
// and fills its transcripts' gaps from history.
import { Methods, PROTOCOL_VERSION } from '../../../protocol/protocol';
import type { HostToPanel, PanelToHost, ServerState } from './messages';
import { Inbox } from './inbox';
import type { Transport } from './transport';

/** What the transport needs of the window (a test passes a stand-in). */
export interface RemoteWindow {
  location: { hash: string; host: string; protocol: string };
  WebSocket: new (url: string) => RemoteSocketLike;
  setTimeout(handler: () => void, ms: number): unknown;
}

export interface RemoteSocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
}

const AuthenticateId = 'remote-authenticate';
const InitializeId = 'remote-initialize';
const Unauthorized = -32018;
const MaxBackoffMs = 10_000;

interface RpcMessage {
  id?: string | number | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** The token from `#token=…`: only ever in the fragment, which the browser never sends anywhere. */
export function tokenFromHash(hash: string): string | undefined {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(hash);
  return match?.[1];
}

export function remoteTransport(win: RemoteWindow): Transport {
  const inbox = new Inbox();
  const token = tokenFromHash(win.location.hash);
  let socket: RemoteSocketLike | undefined;
  let state: ServerState = 'starting';
  let stateMessage: string | undefined;
  let ready = false;
  let readOnly = false;
  let backoff = 500;
  let panelReady = false;
  // Requests the panel made while the socket was (re)connecting; sent once initialized.
  let queued: Extract<PanelToHost, { kind: 'request' }>[] = [];
  // Requests sent on the current socket, answered with an error if it drops.
  const inFlight = new Set<number>();
  // Server requests (permissions) waiting for the panel's answer.
  const serverRequests = new Set<string | number>();

  const toPanel = (message: HostToPanel): void => inbox.deliver(message);
  const setState = (next: ServerState, message?: string): void => {
    state = next;
    stateMessage = message;
    if (panelReady) toPanel({ kind: 'serverState', state: next, message });
  };
  const send = (message: RpcMessage): void => socket?.send(JSON.stringify({ jsonrpc: '2.0', ...message }));

  const connect = (): void => {
    if (!token) {
      setState('stopped', 'This page was opened without its access token. Open the full link or scan the QR code from "maestro remote start".');
      return;
    }
    const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const current = new win.WebSocket(`${scheme}//${win.location.host}/rpc`);
    socket = current;
    ready = false;
    current.onopen = () => send({ id: AuthenticateId, method: Methods.RemoteAuthenticate, params: { token } });
    current.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let message: RpcMessage;
      try {
        message = JSON.parse(event.data) as RpcMessage;
      } catch {
        return;
      }
      receive(message);
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = undefined;
      ready = false;
      for (const id of inFlight) toPanel({ kind: 'response', id, error: { code: -32603, message: 'The connection to Maestro was lost; reconnecting.' } });
      inFlight.clear();
      for (const id of serverRequests) toPanel({ kind: 'serverRequestSettled', id });
      serverRequests.clear();
      if (state === 'stopped') return;
      const why = event.code === 1001 ? 'Remote access was stopped on the computer' : 'The connection to Maestro was lost';
      setState('restarting', `${why}; reconnecting…`);
      win.setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MaxBackoffMs);
    };
  };

  const receive = (message: RpcMessage): void => {
    if (message.id === AuthenticateId) {
      if (message.error) {
        const throttled = message.error.code === Unauthorized && /Too many/.test(message.error.message);
        setState(throttled ? 'restarting' : 'stopped', message.error.message);
        if (!throttled) socket?.close(1000, 'unauthorized');
        return;
      }
      readOnly = (message.result as { readOnly?: boolean } | undefined)?.readOnly === true;
      send({
        id: InitializeId,
        method: Methods.Initialize,
        params: {
          protocolVersion: PROTOCOL_VERSION,
          clientInfo: { name: 'maestro-remote', version: '1' },
          // A watcher is never asked for a permission (the server would not take its answer anyway).
          capabilities: { permissions: !readOnly },
        },
      });
      return;
    }
    if (message.id === InitializeId) {
      if (message.error) {
        setState('stopped', message.error.message);
        return;
      }
      ready = true;
      backoff = 500;
      setState('ready', readOnly ? 'Read-only: you can watch, not control.' : undefined);
      const waiting = queued;
      queued = [];
      for (const request of waiting) forward(request);
      return;
    }
    if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      serverRequests.add(message.id);
      toPanel({ kind: 'serverRequest', id: message.id, method: message.method, params: message.params });
      return;
    }
    if (message.method === '$/cancelRequest') {
      // Another client answered the permission first: the card goes away here too.
      const id = (message.params as { id?: string | number } | undefined)?.id;
      if (id !== undefined && serverRequests.delete(id)) toPanel({ kind: 'serverRequestSettled', id });
      return;
    }
    if (message.method !== undefined) {
      toPanel({ kind: 'notification', method: message.method, params: message.params });
      return;
    }
    if (typeof message.id === 'number' && inFlight.delete(message.id)) {
      toPanel(message.error ? { kind: 'response', id: message.id, error: message.error } : { kind: 'response', id: message.id, result: message.result ?? null });
    }
  };

  const forward = (request: Extract<PanelToHost, { kind: 'request' }>): void => {
    if (!ready) {
      queued.push(request);
      return;
    }
    inFlight.add(request.id);
    send({ id: request.id, method: request.method, params: request.params ?? {} });
  };

  connect();
  return {
    post: (message) => {
      switch (message.kind) {
        case 'ready':
          panelReady = true;
          toPanel({ kind: 'hostInfo', host: 'browser', workspaceFolders: [], hostActions: [], settings: {} });
          toPanel({ kind: 'serverState', state, message: stateMessage });
          return;
        case 'request':
          if (message.method.startsWith('host/')) {
            toPanel({ kind: 'response', id: message.id, error: { code: -32601, message: `The remote page does not offer ${message.method}.` } });
            return;
          }
          forward(message);
          return;
        case 'serverResponse':
          if (serverRequests.delete(message.id)) {
            send({ id: message.id, result: message.result });
            toPanel({ kind: 'serverRequestSettled', id: message.id });
          }
          return;
        case 'sessionSelected':
          return;
      }
    },
    listen: (receiver) => inbox.listen(receiver),
  };
}
