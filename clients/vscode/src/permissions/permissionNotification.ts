import type { PermissionRequestParams, PermissionResponse } from '../protocol';
import type { LiveNotices } from '../status/liveNotices';
import type { NoticePolicy } from '../status/noticePolicy';
import type { AskUser } from './permissionBroker';

export const openSessionAction = 'Open Session';

/** What the permission toast needs from the rest of the extension. */
export interface PermissionNoticeContext {
  policy: NoticePolicy;
  notices: LiveNotices;
  sessionName: (sessionId: string) => string | undefined;
  /** Whether the Maestro view is on screen (its card asks there) and when that changes. */
  viewVisible: () => boolean;
  onDidChangeViewVisibility: (listener: () => void) => { dispose(): void };
  showSession: (sessionId: string) => unknown;
}

/**
 * A permission request waiting while the Maestro view is hidden: one toast naming the session and the target, with
 * the one-time Allow and Open Session. While the view is on screen the panel's card asks, and nothing pops up; a view
 * hidden later, with the request still waiting, brings the toast then. The toast is a live notice: it closes once the
 * request is settled anywhere (its Allow, the card, a cancelled turn); Open Session closes it too and leaves the
 * request to the card, as its Cancel (dismissing) does.
 */
export function askWithNotification(ctx: PermissionNoticeContext): AskUser {
  return async (params: PermissionRequestParams, signal: AbortSignal, requestId: number): Promise<PermissionResponse | undefined> => {
    const subject = { kind: 'permissionPending', requestId } as const;
    signal.addEventListener('abort', () => ctx.policy.clear(subject), { once: true });
    await untilHiddenOrSettled(ctx, signal);
    if (signal.aborted || ctx.policy.decide(subject) !== 'toast') return undefined;

    const who = ctx.sessionName(params.sessionId) ?? params.sessionId;
    const allow = params.options.find((o) => o.kind === 'allowOnce');
    return new Promise<PermissionResponse | undefined>((resolve) => {
      const notice = ctx.notices.show(`Maestro: ${who} is waiting for you: ${params.toolCall.title}`, [
        ...(allow ? [{ label: allow.label, run: () => resolve({ optionId: allow.id, cancelled: false }) }] : []),
        {
          label: openSessionAction,
          closes: true,
          run: () => {
            ctx.showSession(params.sessionId);
            resolve(undefined);
          },
        },
      ], () => resolve(undefined));
      // Settled anywhere (this toast's Allow included): the toast goes.
      const settled = () => {
        notice.close();
        resolve(undefined);
      };
      if (signal.aborted) settled();
      else signal.addEventListener('abort', settled, { once: true });
    });
  };
}

function untilHiddenOrSettled(ctx: PermissionNoticeContext, signal: AbortSignal): Promise<void> {
  if (!ctx.viewVisible() || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      subscription.dispose();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const subscription = ctx.onDidChangeViewVisibility(() => {
      if (!ctx.viewVisible()) done();
    });
    signal.addEventListener('abort', done, { once: true });
  });
}
