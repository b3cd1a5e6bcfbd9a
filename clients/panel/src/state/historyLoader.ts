// Fills a transcript from sessions/history, page by page from its last applied seq. One fill per session at a
// time; a fill that ends with events still waiting beyond a gap runs again, as long as it makes progress.
import type { SessionHistoryParams, SessionHistoryResult } from '../../../protocol/protocol';
import { Methods } from '../../../protocol/protocol';
import type { Store } from './store';

export type Requester = <T>(method: string, params?: unknown) => Promise<T>;

export class HistoryLoader {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly request: Requester, private readonly store: Store, private readonly pageSize = 1000) {}

  /** Loads everything after the transcript's last seq; resolves when the transcript has no gap left (or no progress). */
  fill(sessionId: string): Promise<void> {
    const running = this.running.get(sessionId);
    if (running) return running;
    const fill = this.fillLoop(sessionId).finally(() => this.running.delete(sessionId));
    this.running.set(sessionId, fill);
    return fill;
  }

  isLoading(sessionId: string): boolean {
    return this.running.has(sessionId);
  }

  private async fillLoop(sessionId: string): Promise<void> {
    const transcript = this.store.transcriptOf(sessionId);
    for (;;) {
      const before = transcript.lastSeq;
      await this.loadPages(sessionId);
      if (!transcript.hasGap || transcript.lastSeq === before) return;
    }
  }

  private async loadPages(sessionId: string): Promise<void> {
    const transcript = this.store.transcriptOf(sessionId);
    for (;;) {
      const params: SessionHistoryParams = { sessionId, afterSeq: transcript.lastSeq, limit: this.pageSize };
      const page = await this.request<SessionHistoryResult>(Methods.SessionsHistory, params);
      this.store.applyEvents(page.events);
      if (!page.hasMore || page.events.length === 0) return;
    }
  }
}
