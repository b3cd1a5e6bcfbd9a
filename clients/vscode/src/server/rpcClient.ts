import type { ServerState } from '../../../protocol/bridge';
import type { Subscription } from '../util/emitter';

export type { ServerState };

export interface ServerStateChange {
  state: ServerState;
  message?: string;
  /** A setting whose fix ends the failure (a bad `maestro.serverPath`): the error then offers "Open Settings". */
  setting?: string;
}

export interface ServerNotification {
  method: string;
  params: unknown;
}

/** Answers a request the server sends to the client (permissions/request); `signal` aborts when the server cancels. */
export type ServerRequestHandler = (method: string, params: unknown, signal: AbortSignal) => Promise<unknown>;

/**
 * What the rest of the extension needs from the server connection. MaestroServer implements it over a real
 * process; unit tests implement it with a fake.
 */
export interface RpcClient {
  readonly state: ServerState;
  request<R = unknown>(method: string, params?: unknown): Promise<R>;
  onDidChangeState(listener: (change: ServerStateChange) => void): Subscription;
  onNotification(listener: (notification: ServerNotification) => void): Subscription;
}
