// The test's node side plays the panel's host: it receives the panel's messages through an exposed binding
// (window.maestroHostPost) and sends host messages with window.maestroReceive, in order.
import type { Page } from 'playwright-core';
import type { HostInfo, HostToPanel, PanelToHost } from '../../src/bridge/messages';

export interface HostHandlers {
  /** A request the host forwards (or a host/ action); resolve with the result or reject with {code, message, data}. */
  request(method: string, params: unknown): Promise<unknown>;
  serverResponse?(id: string | number, result: unknown): void;
}

export class PageHost {
  /** Every message the panel posted, for assertions. */
  readonly received: PanelToHost[] = [];
  private sendChain: Promise<unknown> = Promise.resolve();

  constructor(private readonly page: Page, private readonly info: HostInfo, private readonly handlers: HostHandlers) {}

  /** Call before page.goto: the binding must exist when the panel starts. */
  async attach(): Promise<void> {
    await this.page.exposeBinding('maestroHostPost', (_source, json: string) => this.fromPanel(JSON.parse(json) as PanelToHost));
  }

  /**
   * Sends to the panel; calls are chained so messages arrive in the order they were sent. A message that comes after
   * the page closed (a late notification or answer while a test tears down) has nobody to reach, and is dropped.
   */
  send(message: HostToPanel): Promise<void> {
    const next = this.sendChain
      .then(() => this.page.evaluate((m) => (window as unknown as { maestroReceive(m: unknown): void }).maestroReceive(m), message as unknown))
      .catch((error: unknown) => {
        if (this.page.isClosed() || /has been closed/.test(String(error))) return;
        throw error;
      });
    this.sendChain = next.catch(() => undefined);
    return next;
  }

  private fromPanel(message: PanelToHost): void {
    this.received.push(message);
    switch (message.kind) {
      case 'ready':
        void this.send(this.info);
        void this.send({ kind: 'serverState', state: 'ready' });
        return;
      case 'request':
        this.handlers.request(message.method, message.params).then(
          (result) => this.send({ kind: 'response', id: message.id, result: result ?? null }),
          (error: { code?: number; message?: string; data?: unknown }) =>
            this.send({ kind: 'response', id: message.id, error: { code: error.code ?? -32603, message: error.message ?? String(error), data: error.data } }),
        );
        return;
      case 'serverResponse':
        this.handlers.serverResponse?.(message.id, message.result);
        return;
    }
  }
}
