import { Methods, type PermissionRequestParams, type PermissionResponse } from '../protocol';
import type { HostToPanel } from '../bridge/messages';
import { Emitter } from '../util/emitter';

/**
 * Asks the user outside the panel (a VS Code notification with one button per option). Resolves with the answer, or
 * undefined when the user dismissed it without choosing; `signal` aborts once the request was settled elsewhere.
 */
export type AskUser = (params: PermissionRequestParams, signal: AbortSignal, requestId: number) => Promise<PermissionResponse | undefined>;

interface Pending {
  id: number;
  method: string;
  params: unknown;
  settled: boolean;
  resolve: (result: unknown) => void;
  abort: AbortController;
}

/**
 * Server-to-client requests (permissions/request) go to two places at once, the panel's card and a VS Code
 * notification: whichever answers first wins and the panel is told the request is settled. A dismissed notification
 * leaves the panel card pending.
 */
export class PermissionBroker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly toPanel = new Emitter<HostToPanel>();
  private readonly pendingChanged = new Emitter<void>();

  /** Messages for every attached panel. */
  readonly onPanelMessage = this.toPanel.event;
  /** A request came or was settled: the sessions waiting for the user changed (the status bar counts them). */
  readonly onDidChangePending = this.pendingChanged.event;

  constructor(private readonly askUser: AskUser) {}

  /** The server request handler: resolves with the first answer. */
  handle(method: string, params: unknown, signal: AbortSignal): Promise<unknown> {
    const id = this.nextId++;
    return new Promise<unknown>((resolve) => {
      const entry: Pending = { id, method, params, settled: false, resolve, abort: new AbortController() };
      this.pending.set(id, entry);
      signal.addEventListener('abort', () => this.settle(id, { cancelled: true }), { once: true });
      this.toPanel.fire({ kind: 'serverRequest', id, method, params });
      this.pendingChanged.fire();
      if (method === Methods.PermissionsRequest) {
        this.askUser(params as PermissionRequestParams, entry.abort.signal, id).then(
          (answer) => {
            if (answer) this.settle(id, answer);
          },
          () => undefined, // the notification failed: the panel card still can answer
        );
      }
    });
  }

  /** The panel answered (`serverResponse`). Returns false when another answer came first. */
  answerFromPanel(id: string | number, result: unknown): boolean {
    return this.settle(Number(id), result);
  }

  /** The requests still waiting, for a panel that just loaded. */
  pendingMessages(): HostToPanel[] {
    return [...this.pending.values()].map((p) => ({ kind: 'serverRequest', id: p.id, method: p.method, params: p.params }));
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * The sessions with a permission request waiting for the user. The server keeps such a session `running` (its turn
   * is not over), but for the user it waits: the status bar counts it apart, with the warning colour.
   */
  waitingSessionIds(): Set<string> {
    const ids = new Set<string>();
    for (const p of this.pending.values()) {
      const sessionId = (p.params as Partial<PermissionRequestParams> | undefined)?.sessionId;
      if (p.method === Methods.PermissionsRequest && typeof sessionId === 'string') ids.add(sessionId);
    }
    return ids;
  }

  private settle(id: number, result: unknown): boolean {
    const entry = this.pending.get(id);
    if (!entry || entry.settled) return false;
    entry.settled = true;
    this.pending.delete(id);
    entry.abort.abort();
    entry.resolve(result);
    this.toPanel.fire({ kind: 'serverRequestSettled', id });
    this.pendingChanged.fire();
    return true;
  }
}
