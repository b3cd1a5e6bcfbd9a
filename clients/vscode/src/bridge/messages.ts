// The host's side of the bridge contract with the shared panel (clients/protocol/bridge.ts): the types, and the
// check of what a webview posts.
import type { PanelToHost, RpcErrorBody } from '../../../protocol/bridge';

export type { HostInfo, HostToPanel, PanelTab, PanelToHost } from '../../../protocol/bridge';

/** The error of a `response`, as the panel receives it. */
export type BridgeError = RpcErrorBody;

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
    case 'sessionSelected':
      return typeof (value as { sessionId?: unknown }).sessionId === 'string';
    default:
      return false;
  }
}
