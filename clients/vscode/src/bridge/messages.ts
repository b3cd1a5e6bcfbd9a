// The fixed contract between the shared panel (clients/panel) and its host; the panel implements the other side.
import type { PermissionMode } from '../protocol';
import type { ServerState } from '../server/rpcClient';

export type PanelToHost =
  | { kind: 'ready' }
  /** A JSON-RPC request to forward to the server, or a host action when `method` starts with `host/`. */
  | { kind: 'request'; id: number; method: string; params?: unknown }
  /** The answer to a server-to-client request the host forwarded as `serverRequest`. */
  | { kind: 'serverResponse'; id: string | number; result: unknown };

export interface HostInfo {
  kind: 'hostInfo';
  host: 'vscode' | 'jcef' | 'browser';
  workspaceFolders: string[];
  hostActions: string[];
  settings: { defaultAgent?: string; defaultPermissionMode?: PermissionMode };
}

export interface BridgeError {
  code: number;
  message: string;
  data?: unknown;
}

export type HostToPanel =
  | HostInfo
  | { kind: 'serverState'; state: ServerState; message?: string }
  | { kind: 'response'; id: number; result?: unknown; error?: BridgeError }
  | { kind: 'notification'; method: string; params: unknown }
  | { kind: 'serverRequest'; id: string | number; method: string; params: unknown }
  | { kind: 'serverRequestSettled'; id: string | number }
  | { kind: 'showSession'; sessionId: string };

/** A tolerant check of what a webview posted: anything else is ignored (a webview is untrusted input). */
export function isPanelToHost(value: unknown): value is PanelToHost {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { kind?: unknown; id?: unknown; method?: unknown };
  switch (message.kind) {
    case 'ready':
      return true;
    case 'request':
      return typeof message.id === 'number' && typeof message.method === 'string';
    case 'serverResponse':
      return typeof message.id === 'string' || typeof message.id === 'number';
    default:
      return false;
  }
}
