// The panel's side of the bridge: requests with promises correlated by id, notifications and server requests
// dispatched to listeners, answers to server requests posted back.
import type { HostInfo, HostToPanel, PanelTab, RpcErrorBody, ServerState } from './messages';
import { RpcError } from './rpcError';
import type { Transport } from './transport';

export interface ServerRequest {
  id: string | number;
  method: string;
  params: unknown;
}

export interface BridgeListener {
  hostInfo?(info: HostInfo): void;
  serverState?(state: ServerState, message?: string): void;
  notification?(method: string, params: unknown): void;
  serverRequest?(request: ServerRequest): void;
  serverRequestSettled?(id: string | number): void;
  /** The host asks to open a session's transcript (e.g. its "Open Transcript" command). */
  showSession?(sessionId: string): void;
  showNewChat?(): void;
  /** The host's "New Session": the new-session form. */
  showNewSession?(): void;
  showTab?(tab: PanelTab): void;
  /** The host's "Run Playbook": the start-a-run screen, the given playbook picked. */
  showStartRun?(playbook?: string): void;
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: RpcError): void;
}

export class HostBridge {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners: BridgeListener[] = [];

  constructor(private readonly transport: Transport) {
    transport.listen((message) => this.receive(message));
  }

  /** Tells the host the panel is loaded; the host answers with hostInfo. */
  ready(): void {
    this.transport.post({ kind: 'ready' });
  }

  addListener(listener: BridgeListener): void {
    this.listeners.push(listener);
  }

  /** A JSON-RPC request forwarded to the server, or a `host/` action. Rejects with RpcError. */
  request<T = unknown>(method: string, params?: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.transport.post(params === undefined ? { kind: 'request', id, method } : { kind: 'request', id, method, params });
    });
  }

  /** Answers a server->client request (e.g. permissions/request). */
  respond(id: string | number, result: unknown): void {
    this.transport.post({ kind: 'serverResponse', id, result });
  }

  /** Tells the host which session the user opened (a host may make it the target of its own commands). */
  sessionSelected(sessionId: string): void {
    this.transport.post({ kind: 'sessionSelected', sessionId });
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private receive(message: HostToPanel): void {
    switch (message.kind) {
      case 'response':
        return this.settle(message.id, message.result, message.error);
      case 'hostInfo':
        return this.emit((l) => l.hostInfo?.(message));
      case 'serverState':
        return this.emit((l) => l.serverState?.(message.state, message.message));
      case 'notification':
        return this.emit((l) => l.notification?.(message.method, message.params));
      case 'serverRequest':
        return this.emit((l) => l.serverRequest?.({ id: message.id, method: message.method, params: message.params }));
      case 'serverRequestSettled':
        return this.emit((l) => l.serverRequestSettled?.(message.id));
      case 'showSession':
        return this.emit((l) => l.showSession?.(message.sessionId));
      case 'showNewChat':
        return this.emit((l) => l.showNewChat?.());
      case 'showNewSession':
        return this.emit((l) => l.showNewSession?.());
      case 'showTab':
        return this.emit((l) => l.showTab?.(message.tab));
      case 'showStartRun':
        return this.emit((l) => l.showStartRun?.(message.playbook));
    }
  }

  private settle(id: number, result: unknown, error: RpcErrorBody | undefined): void {
    const pending = this.pending.get(id);
    if (!pending) return; // an answer to nothing we asked: ignore rather than throw in the host's message loop
    this.pending.delete(id);
    if (error) pending.reject(new RpcError(error));
    else pending.resolve(result ?? null);
  }

  private emit(call: (listener: BridgeListener) => void): void {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (error) {
        // One faulty listener must not stop the others nor the host's message loop.
        console.error('maestro panel:', error);
      }
    }
  }
}
