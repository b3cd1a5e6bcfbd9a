import type { PermissionBroker } from '../permissions/permissionBroker';
import type { RpcClient } from '../server/rpcClient';
import { asRpcError } from '../util/rpcError';
import type { Subscription } from '../util/emitter';
import type { BridgeError, HostInfo, HostToPanel, PanelTab, PanelToHost } from './messages';

/** Where the host sends messages for one panel (a webview's postMessage). */
export interface PanelPort {
  post(message: HostToPanel): void;
}

/** Actions the host performs itself (`host/openDiff`, ...), keyed by method name. */
export type HostActions = ReadonlyMap<string, (params: unknown) => Promise<unknown>>;

/**
 * The extension's side of the panel bridge: requests from the panel go to the server (or to a host action), and
 * everything the server says (notifications, state, server requests) goes to every attached panel.
 */
export class PanelBridge {
  private readonly ports = new Set<PanelPort>();
  // What a command asked to show (a session, or a tab); a panel that loads after the ask (the view was closed)
  // still shows it.
  private shown: Extract<HostToPanel, { kind: 'showSession' | 'showTab' }> | undefined;
  // Panels that said 'ready' (their script listens); a "New Group Chat" asked before any did waits for the next one.
  private readonly readyPorts = new Set<PanelPort>();
  private newChatPending = false;
  private newSessionPending = false;
  // A "Run Playbook" asked before any panel was ready: the next one to load opens its start screen (once).
  private startRunPending: Extract<HostToPanel, { kind: 'showStartRun' }> | undefined;
  private readonly subscriptions: Subscription[];
  /** The session the user opened in the panel last: the default of the session commands and where focus lands. */
  selectedSessionId: string | undefined;

  constructor(
    private readonly server: RpcClient,
    private readonly actions: HostActions,
    private readonly hostInfo: () => Omit<HostInfo, 'kind' | 'hostActions'>,
    private readonly permissions: PermissionBroker,
  ) {
    this.subscriptions = [
      server.onNotification(({ method, params }) => this.broadcast({ kind: 'notification', method, params })),
      server.onDidChangeState(({ state, message }) => this.broadcast({ kind: 'serverState', state, message })),
      permissions.onPanelMessage((message) => this.broadcast(message)),
    ];
  }

  /** A panel appeared; it gets messages until the returned subscription is disposed. */
  attach(port: PanelPort): Subscription {
    this.ports.add(port);
    return {
      dispose: () => {
        this.ports.delete(port);
        this.readyPorts.delete(port);
      },
    };
  }

  /** Posts a message to every attached panel. */
  broadcast(message: HostToPanel): void {
    for (const port of this.ports) port.post(message);
  }

  /** Opens a session's transcript in every panel, and in the next one to load. */
  showSession(sessionId: string): void {
    this.shown = { kind: 'showSession', sessionId };
    this.broadcast(this.shown);
  }

  /** Shows one of the panel's tabs (Show Stats) in every panel, and in the next one to load. */
  showTab(tab: PanelTab): void {
    this.shown = { kind: 'showTab', tab };
    this.broadcast(this.shown);
  }

  /**
   * Opens the Chat tab's create-room form ("Maestro: New Group Chat") in the open panels; with none open yet, in the
   * next one to load (once: a panel reloaded later starts where it was).
   */
  showNewChat(): void {
    this.newChatPending = this.readyPorts.size === 0;
    for (const port of this.readyPorts) port.post({ kind: 'showNewChat' });
  }

  /** Opens the new-session form ("Maestro: New Session") in the open panels; with none open yet, in the next one to load (once). */
  showNewSession(): void {
    this.newSessionPending = this.readyPorts.size === 0;
    for (const port of this.readyPorts) port.post({ kind: 'showNewSession' });
  }

  /**
   * Opens the start-a-run screen ("Maestro: Run Playbook", from the palette or on a playbook's folder or document) in
   * the open panels, the given playbook picked; with none open yet, in the next one to load (once).
   */
  showStartRun(playbook?: string): void {
    const message: Extract<HostToPanel, { kind: 'showStartRun' }> = playbook ? { kind: 'showStartRun', playbook } : { kind: 'showStartRun' };
    this.startRunPending = this.readyPorts.size === 0 ? message : undefined;
    for (const port of this.readyPorts) port.post(message);
  }

  async receive(port: PanelPort, message: PanelToHost): Promise<void> {
    switch (message.kind) {
      case 'ready':
        this.readyPorts.add(port);
        port.post({ kind: 'hostInfo', ...this.hostInfo(), hostActions: [...this.actions.keys()] });
        port.post({ kind: 'serverState', state: this.server.state });
        for (const pending of this.permissions.pendingMessages()) port.post(pending);
        if (this.shown) port.post(this.shown);
        if (this.newChatPending) {
          this.newChatPending = false;
          port.post({ kind: 'showNewChat' });
        }
        if (this.newSessionPending) {
          this.newSessionPending = false;
          port.post({ kind: 'showNewSession' });
        }
        if (this.startRunPending) {
          port.post(this.startRunPending);
          this.startRunPending = undefined;
        }
        return;
      case 'serverResponse':
        this.permissions.answerFromPanel(message.id, message.result);
        return;
      case 'request':
        port.post(await this.answer(message.method, message.params, message.id));
        return;
      case 'sessionSelected':
        // Prompt Session, Close, Cancel and "Maestro: Open" act on the session the user is looking at.
        this.selectedSessionId = message.sessionId;
        return;
    }
  }

  private async answer(method: string, params: unknown, id: number): Promise<HostToPanel> {
    try {
      const action = method.startsWith('host/') ? this.actions.get(method) : undefined;
      if (method.startsWith('host/') && !action) {
        return { kind: 'response', id, error: { code: -32601, message: `This editor does not offer ${method}.` } };
      }
      const result = action ? await action(params) : await this.server.request(method, params);
      return { kind: 'response', id, result: result ?? null };
    } catch (error) {
      return { kind: 'response', id, error: toBridgeError(error) };
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.ports.clear();
  }
}

function toBridgeError(error: unknown): BridgeError {
  const rpc = asRpcError(error);
  if (rpc) return { code: rpc.code, message: rpc.message, data: rpc.data };
  // Not a JSON-RPC error (the server is down, a host action failed): an internal error with the reason.
  return { code: -32603, message: error instanceof Error ? error.message : String(error) };
}
