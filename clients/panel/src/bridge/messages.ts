// The panel's side of the host bridge contract (clients/protocol/bridge.ts): the types, and the check of what
// arrives in the window.
import type { HostToPanel } from '../../../protocol/bridge';

export * from '../../../protocol/bridge';

const hostToPanelKinds = new Set(['hostInfo', 'serverState', 'response', 'notification', 'serverRequest', 'serverRequestSettled', 'showSession', 'showNewChat', 'showNewSession', 'showTab', 'showStartRun']);

/** Hosts share the window with other senders (VS Code posts its own messages): keep only ours. */
export function isHostToPanel(value: unknown): value is HostToPanel {
  return typeof value === 'object' && value !== null && hostToPanelKinds.has((value as { kind?: unknown }).kind as string);
}
