import * as vscode from 'vscode';
import { Methods, type Session, type SessionChangedNotification } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import type { ActivityTracker } from './activityTracker';
import type { NoticePolicy } from './noticePolicy';

export const openSessionAction = 'Open Session';

const busy = (s: Session) => s.status === 'running' || s.status === 'waiting' || s.status === 'retrying';

/**
 * A turn that ended while the Maestro view was hidden: one toast with Open Session (a warning when it failed). While
 * the view is on screen the transcript shows the end, so nothing is said (NoticePolicy). The sessions of a Playbook
 * run are left to RunEndNotices, which speaks for the run as a whole.
 */
export class TurnNotices implements vscode.Disposable {
  private readonly wasBusy = new Map<string, boolean>();
  private readonly subscription: { dispose(): void };

  constructor(
    server: RpcClient,
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
    void show(text, openSessionAction).then((answer) => {
      if (answer === openSessionAction) this.showSession(session.id);
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
