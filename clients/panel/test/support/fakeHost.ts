// An in-memory host for unit tests: records what the panel posts, answers requests from a table, and delivers
// host messages synchronously. Frames are flushed by hand.
import type { HostInfo, HostToPanel, PanelToHost } from '../../src/bridge/messages';
import type { Transport } from '../../src/bridge/transport';
import { startPanel, type Panel } from '../../src/panel';
import { FrameScheduler } from '../../src/views/scheduler';

export type Answer = ((params: unknown) => unknown) | 'never';

export class FakeHost implements Transport {
  readonly posted: PanelToHost[] = [];
  private receiver: ((message: HostToPanel) => void) | undefined;

  constructor(public answers: Record<string, Answer> = {}) {}

  post(message: PanelToHost): void {
    this.posted.push(message);
    if (message.kind !== 'request') return;
    const answer = this.answers[message.method];
    // Like sessions/prompt while a turn runs: no answer yet.
    if (answer === 'never') return;
    // Answer on a later microtask, as a real host would.
    queueMicrotask(() => {
      if (!answer) {
        this.deliver({ kind: 'response', id: message.id, error: { code: -32601, message: `${message.method} is not available`, data: { kind: 'FeatureNotLanded' } } });
        return;
      }
      try {
        this.deliver({ kind: 'response', id: message.id, result: answer(message.params) });
      } catch (error) {
        this.deliver({ kind: 'response', id: message.id, error: error as { code: number; message: string } });
      }
    });
  }

  listen(receiver: (message: HostToPanel) => void): void {
    this.receiver = receiver;
  }

  deliver(message: HostToPanel): void {
    this.receiver?.(message);
  }

  requests(method?: string): Extract<PanelToHost, { kind: 'request' }>[] {
    return this.posted.filter((m): m is Extract<PanelToHost, { kind: 'request' }> => m.kind === 'request' && (!method || m.method === method));
  }
}

export const hostInfo = (overrides: Partial<HostInfo> = {}): HostInfo => ({
  kind: 'hostInfo', host: 'browser', workspaceFolders: ['/work/repo'], hostActions: [], settings: {}, ...overrides,
});

/** Frames run only when the test says so. */
export class ManualScheduler extends FrameScheduler {
  constructor() {
    super(() => undefined);
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

export async function mountPanel(host: FakeHost, info = hostInfo()): Promise<Panel & { root: HTMLElement; flush(): Promise<void> }> {
  const root = document.createElement('div');
  root.id = 'maestro-root';
  document.body.appendChild(root);
  const scheduler = new ManualScheduler();
  const panel = startPanel(root, host, scheduler);
  host.deliver(info);
  const flush = async (): Promise<void> => {
    await settle();
    scheduler.flush();
  };
  await flush();
  return { ...panel, root, flush };
}
