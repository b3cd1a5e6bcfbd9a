// A real `maestro serve --stdio` behind the page host: the test is the JSON-RPC client (vscode-jsonrpc, through
// tests/interop/maestro.mjs) and forwards requests, notifications and server requests like an editor host would.
import type { Page } from 'playwright-core';
import type { HostInfo } from '../../src/bridge/messages';
import { initializeParams, startServer } from '../../../../tests/interop/maestro.mjs';
import { PageHost } from './pageHost';

export interface MaestroHost {
  host: PageHost;
  /** host/ actions the panel asked for. */
  hostCalls: { method: string; params: unknown }[];
  /** A request of the test itself to the same server (setting up what the page then shows). */
  request<T>(method: string, params?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startMaestroHost(page: Page, home: string, workspaceFolders: string[], hostActions: string[] = []): Promise<MaestroHost> {
  const server = startServer(home);
  const connection = server.connection;
  await connection.sendRequest('initialize', {
    ...initializeParams('maestro-panel-browser-test'),
    workspaceFolders,
    capabilities: { permissions: true, inlineDiff: true, batchedEvents: true },
  });
  const hostCalls: { method: string; params: unknown }[] = [];
  const serverRequests = new Map<string, (result: unknown) => void>();
  let nextServerRequest = 1;
  const info: HostInfo = { kind: 'hostInfo', host: 'browser', workspaceFolders, hostActions, settings: {} };
  const host = new PageHost(page, info, {
    request: async (method, params) => {
      if (method.startsWith('host/')) {
        hostCalls.push({ method, params });
        return null;
      }
      return params === undefined ? connection.sendRequest(method) : connection.sendRequest(method, params);
    },
    serverResponse: (id, result) => {
      serverRequests.get(String(id))?.(result);
      serverRequests.delete(String(id));
    },
  });
  connection.onNotification((method: string, params: unknown) => void host.send({ kind: 'notification', method, params }));
  connection.onRequest((method: string, params: unknown) => new Promise((resolveAnswer) => {
    const id = `s${nextServerRequest++}`;
    serverRequests.set(id, resolveAnswer);
    void host.send({ kind: 'serverRequest', id, method, params });
  }));
  await host.attach();
  return {
    host,
    hostCalls,
    request: <T>(method: string, params?: unknown) => (params === undefined ? connection.sendRequest<T>(method) : connection.sendRequest<T>(method, params)),
    stop: async () => {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
        await server.exited;
      } finally {
        connection.dispose();
        server.child.kill();
      }
    },
  };
}
