import * as vscode from 'vscode';
import type { PermissionRequestParams, PermissionResponse } from '../protocol';
import type { NoticePolicy } from '../status/noticePolicy';
import type { AskUser } from './permissionBroker';

export const openSessionAction = 'Open Session';

/** What the permission toast needs from the rest of the extension. */
export interface PermissionNoticeContext {
  policy: NoticePolicy;
  sessionName: (sessionId: string) => string | undefined;
  /** Whether the Maestro view is on screen (its card asks there) and when that changes. */
  viewVisible: () => boolean;
  onDidChangeViewVisibility: (listener: () => void) => { dispose(): void };
  showSession: (sessionId: string) => unknown;
}

/**
 * A permission request waiting while the Maestro view is hidden: one toast naming the session and the target, with
 * the one-time Allow and Open Session. While the view is on screen the panel's card asks, and nothing pops up; a view
 * hidden later, with the request still waiting, brings the toast then. VS Code cannot close a notification from code:
 * once the request is settled elsewhere (the card, a cancelled turn) the policy forgets it and a late click does
 * nothing (the broker settles only once anyway).
 */
export function askWithNotification(ctx: PermissionNoticeContext): AskUser {
  return async (params: PermissionRequestParams, signal: AbortSignal, requestId: number): Promise<PermissionResponse | undefined> => {
    const subject = { kind: 'permissionPending', requestId } as const;
    signal.addEventListener('abort', () => ctx.policy.clear(subject), { once: true });
    await untilHiddenOrSettled(ctx, signal);
    if (signal.aborted || ctx.policy.decide(subject) !== 'toast') return undefined;

    const who = ctx.sessionName(params.sessionId) ?? params.sessionId;
    const allow = params.options.find((o) => o.kind === 'allowOnce');
    const items = [...(allow ? [allow.label] : []), openSessionAction];
    const chosen = await vscode.window.showWarningMessage(`Maestro: ${who} is waiting for you: ${params.toolCall.title}`, ...items);
    if (!ctx.policy.isLive(subject)) return undefined;
    if (chosen === openSessionAction) {
      ctx.showSession(params.sessionId);
      return undefined;
    }
    return allow && chosen === allow.label ? { optionId: allow.id, cancelled: false } : undefined;
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
