/**
 * When Maestro raises a toast (a VS Code notification), in one place. The rule, as in GitLens or the Pull Requests
 * extension: no toast for what the user just did (a session or a run they started, "not available yet": the view or
 * the status bar already shows it); one toast, with the action that follows (Open Session, Retry), for what happened
 * out of sight: a turn or a run that ended while the Maestro view was hidden, a permission waiting while it is
 * hidden. A server restarting lives in the status bar only. A toast is shown once per subject, and not again once its
 * state cleared (a permission answered in the panel before the view was hidden); a toast whose state can clear while
 * it shows is a live notice (LiveNotices) that closes then.
 */
export type NoticeSubject =
  /** Something the user did from a command or the panel: the result is on screen. */
  | { kind: 'userAction' }
  /** A turn of a session that ended; `failed` when it ended with an error. */
  | { kind: 'turnEnded'; sessionId: string; failed: boolean; seq?: number }
  /** A Playbook run that ended. */
  | { kind: 'runEnded'; runId: string; failed: boolean }
  /** A permission request waiting for the user. */
  | { kind: 'permissionPending'; requestId: string | number }
  /** A Playbook run waiting at a human-in-the-loop gate (`gateKey` names the run and the gate). */
  | { kind: 'gateWaiting'; gateKey: string }
  /** The server restarting after a crash (transient). */
  | { kind: 'serverRestarting' };

export type NoticeDecision = 'none' | 'statusBar' | 'toast';

export class NoticePolicy {
  /** Subjects a toast was shown for (or decided against because they cleared). */
  private readonly shown = new Set<string>();
  private readonly cleared = new Set<string>();

  /** `viewVisible`: whether the Maestro view is on screen, where the panel already shows what happened. */
  constructor(private readonly viewVisible: () => boolean) {}

  /** What to do about a subject now; a 'toast' answer counts as shown (ask once per event). */
  decide(subject: NoticeSubject): NoticeDecision {
    switch (subject.kind) {
      case 'userAction':
        return 'none';
      case 'serverRestarting':
        return 'statusBar';
      default: {
        if (this.viewVisible()) return 'none';
        const key = keyOf(subject);
        if (this.shown.has(key) || this.cleared.has(key)) return 'none';
        this.shown.add(key);
        return 'toast';
      }
    }
  }

  /** The subject's state cleared (a permission answered elsewhere): no toast for it from now on. */
  clear(subject: NoticeSubject): void {
    this.cleared.add(keyOf(subject));
  }
}

function keyOf(subject: NoticeSubject): string {
  switch (subject.kind) {
    case 'turnEnded':
      return `turn|${subject.sessionId}|${subject.seq ?? ''}`;
    case 'runEnded':
      return `run|${subject.runId}`;
    case 'permissionPending':
      return `permission|${subject.requestId}`;
    case 'gateWaiting':
      return `gate|${subject.gateKey}`;
    default:
      return subject.kind;
  }
}
