// The fixed contract between the panel and its host (VS Code webview, Rider JCEF, a plain page).
// The host is the JSON-RPC client of the maestro server; the panel only ever talks to the host.
import type { PermissionMode } from '../../../protocol/protocol';

export type HostKind = 'vscode' | 'jcef' | 'browser';

/** Host actions the panel may ask for with a `request` whose method starts with `host/`. */
export const HostActions = {
  OpenDiff: 'host/openDiff',
  OpenFile: 'host/openFile',
  ReviewChanges: 'host/reviewChanges',
  NewSession: 'host/newSession',
  ShowOutput: 'host/showOutput',
} as const;

export interface HostSettings {
  defaultAgent?: string;
  defaultPermissionMode?: PermissionMode;
}

export interface HostInfo {
  kind: 'hostInfo';
  host: HostKind;
  workspaceFolders: string[];
  hostActions: string[];
  settings: HostSettings;
}

export type ServerState = 'starting' | 'ready' | 'restarting' | 'stopped';

export interface RpcErrorBody {
  code: number;
  message: string;
  data?: unknown;
}

export type PanelToHost =
  | { kind: 'ready' }
  | { kind: 'request'; id: number; method: string; params?: unknown }
  | { kind: 'serverResponse'; id: string | number; result: unknown };

export type HostToPanel =
  | HostInfo
  | { kind: 'serverState'; state: ServerState; message?: string }
  | { kind: 'response'; id: number; result?: unknown; error?: RpcErrorBody }
  | { kind: 'notification'; method: string; params: unknown }
  | { kind: 'serverRequest'; id: string | number; method: string; params: unknown }
  | { kind: 'serverRequestSettled'; id: string | number }
  | { kind: 'showSession'; sessionId: string };

const hostToPanelKinds = new Set(['hostInfo', 'serverState', 'response', 'notification', 'serverRequest', 'serverRequestSettled', 'showSession']);

/** Hosts share the window with other senders (VS Code posts its own messages): keep only ours. */
export function isHostToPanel(value: unknown): value is HostToPanel {
  return typeof value === 'object' && value !== null && hostToPanelKinds.has((value as { kind?: unknown }).kind as string);
}
