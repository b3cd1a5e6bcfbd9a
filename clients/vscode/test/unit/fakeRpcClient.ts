import { Emitter } from '../../src/util/emitter';
import type { RpcClient, ServerNotification, ServerState, ServerStateChange } from '../../src/server/rpcClient';

/** An RpcClient whose answers a test scripts per method; records every request. */
export class FakeRpcClient implements RpcClient {
  state: ServerState = 'ready';
  readonly requests: { method: string; params: unknown }[] = [];
  readonly handlers = new Map<string, (params: unknown) => unknown>();
  private readonly stateEmitter = new Emitter<ServerStateChange>();
  private readonly notificationEmitter = new Emitter<ServerNotification>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onNotification = this.notificationEmitter.event;

  async request<R>(method: string, params?: unknown): Promise<R> {
    this.requests.push({ method, params });
    const handler = this.handlers.get(method);
    if (!handler) throw Object.assign(new Error(`no fake for ${method}`), { code: -32601, data: { kind: 'FeatureNotLanded', feature: 'Test' } });
    return (await handler(params)) as R;
  }

  notify(method: string, params: unknown): void {
    this.notificationEmitter.fire({ method, params });
  }

  setState(state: ServerState, message?: string, setting?: string): void {
    this.state = state;
    this.stateEmitter.fire(setting ? { state, message, setting } : { state, message });
  }
}
