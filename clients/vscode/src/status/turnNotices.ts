import * as vscode from 'vscode';
import { Methods, type Session, type SessionChangedNotification, type SessionHistoryResult } from '../protocol';
import { describeError } from '../util/rpcError';
import type { RpcClient } from '../server/rpcClient';
import type { ActivityTracker } from './activityTracker';
import type { NoticePolicy } from './noticePolicy';

export const openSessionAction = 'Open Session';
export const retryAction = 'Retry';

/** How far back a retry looks for the turn's prompt. */
const promptLookback = 200;

const busy = (s: Session) => s.status === 'running' || s.status === 'waiting' || s.status === 'retrying';

/**
 * A turn that ended while the Maestro view was hidden: one toast with Open Session (a warning with Retry, which sends
 * the turn's prompt again, when it failed). While
 * the view is on screen the transcript shows the end, so nothing is said (NoticePolicy). The sessions of a Playbook
 * run are left to RunEndNotices, which speaks for the run as a whole.
 */
export class TurnNotices implements vscode.Disposable {
  private readonly wasBusy = new Map<string, boolean>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly server: RpcClient,
    private readonly tracker: ActivityTracker,
    private readonly policy: NoticePolicy,
    private readonly showSession: (sessionId: string) => unknown,
  ) {
    this.subscription = server.onNotification(({ method, params }) => {
      if (method === Methods.SessionsChanged) this.onChanged(params as SessionChangedNotification);
    });
  }

  private onChanged({ session, deleted }: SessionChangedNotification): void {
    const before = this.wasBusy.get(session.id) ?? false;
    this.wasBusy.set(session.id, !deleted && busy(session));
    if (deleted || !before || busy(session) || session.status === 'closed') return;
    if ([...this.tracker.runs.values()].some((r) => r.sessionIds.includes(session.id))) return;
    const failed = session.status === 'failed';
    if (this.policy.decide({ kind: 'turnEnded', sessionId: session.id, failed, seq: session.lastSeq }) !== 'toast') return;
    const show = failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const text = failed ? `Maestro: the turn of ${session.name} failed (its transcript says why).` : `Maestro: ${session.name} finished its turn.`;
    const items = failed ? [retryAction, openSessionAction] : [openSessionAction];
    void show(text, ...items).then(async (answer) => {
      if (answer === openSessionAction) this.showSession(session.id);
      else if (answer === retryAction) await this.retry(session);
    });
  }

  /** Sends the failed turn's prompt again (the last `prompt` event of the session's history). */
  private async retry(session: Session): Promise<void> {
    try {
      const { events } = await this.server.request<SessionHistoryResult>(Methods.SessionsHistory, {
        sessionId: session.id,
        afterSeq: Math.max(0, session.lastSeq - promptLookback),
        limit: promptLookback,
      });
      const prompt = events.map((e) => e.event).filter((e) => e.type === 'prompt').at(-1);
      // The transcript shows the retry (or, with no prompt found, where to type one).
      this.showSession(session.id);
      if (prompt?.type === 'prompt') await this.server.request(Methods.SessionsPrompt, { sessionId: session.id, text: prompt.text });
    } catch (error) {
      void vscode.window.showErrorMessage(`Maestro: could not send the prompt again: ${describeError(error)}`);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
