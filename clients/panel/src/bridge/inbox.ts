// What hosts' transports share: messages from the host, kept until the panel listens.
import { isHostToPanel, type HostToPanel } from './messages';

/** Delivers to the receiver once one is registered, keeping what came before in order. */
export class Inbox {
  private receiver: ((message: HostToPanel) => void) | undefined;
  private early: HostToPanel[] = [];

  deliver(raw: unknown): void {
    const message = typeof raw === 'string' ? safeParse(raw) : raw;
    if (!isHostToPanel(message)) return;
    if (this.receiver) this.receiver(message);
    else this.early.push(message);
  }

  listen(receiver: (message: HostToPanel) => void): void {
    this.receiver = receiver;
    const early = this.early;
    this.early = [];
    for (const message of early) receiver(message);
  }
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
