import * as vscode from 'vscode';
import { ErrorCodes, Methods, type Session, type SessionPromptResult } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import type { ActivityTracker } from '../status/activityTracker';
import { asRpcError, describeError } from '../util/rpcError';
import { pickSession } from './pickers';

/** What the session commands need from the rest of the extension. */
export interface SessionCommandContext {
  server: RpcClient;
  tracker: ActivityTracker;
  /** Focuses the Maestro view and asks the panel to show a session's transcript. */
  showSession: (sessionId: string) => Promise<void>;
  /** A new session may run in a new worktree: start reviewing it. */
  watchFolder: (folder: string) => void;
  /** The session selected in the panel, if any: offered first, and what the focus commands land on. */
  selectedSession?: () => string | undefined;
}

/**
 * "Prompt Session": the session's prompt box in the panel, focused, since VS Code's input box is one line only (and
 * a prompt is often several): Enter sends, Shift+Enter breaks a line, and a prompt sent while the server is away
 * stays in the box. The single open session, or the one selected in the panel, is taken without a picker. With a
 * `text` (from another command or a test), sends it at once; the turn's end is announced by TurnNotices if it comes
 * while the view is hidden.
 */
export async function promptSession(ctx: SessionCommandContext, sessionId?: string, text?: string): Promise<void> {
  const selected = ctx.selectedSession?.();
  const known = (id: string) => ctx.tracker.sessions.get(id);
  const session = sessionId
    ? known(sessionId) ?? { id: sessionId, name: sessionId }
    : selected && known(selected) && known(selected)!.status !== 'closed'
      ? known(selected)!
      : await pickSession(ctx.tracker, 'Maestro: prompt which session?', undefined, selected);
  if (!session) return;
  if (text?.trim()) {
    ctx.server.request<SessionPromptResult>(Methods.SessionsPrompt, { sessionId: session.id, text }).catch(
      (error: unknown) => void vscode.window.showErrorMessage(`Maestro: the prompt was not sent: ${describeError(error)}`),
    );
  }
  await ctx.showSession(session.id);
}

export async function cancelSession(ctx: SessionCommandContext): Promise<void> {
  const session = await pickSession(ctx.tracker, 'Maestro: cancel the turn of…', (s) => s.status === 'running' || s.status === 'waiting', ctx.selectedSession?.());
  if (!session) return;
  await run(() => ctx.server.request(Methods.SessionsCancel, { sessionId: session.id }));
}

export const keepWorktreeAction = 'Keep Worktree';
export const deleteWorktreeAction = 'Delete Worktree';
export const deleteWorktreeAndBranchAction = 'Delete Worktree and Branch';

/**
 * A session named by id (the panel's host actions, another command): the tracker's, read again once if it does not
 * know it yet (a session created a moment ago, before sessions/changed arrived).
 */
export async function sessionById(ctx: SessionCommandContext, sessionId: string): Promise<Session | undefined> {
  if (!ctx.tracker.sessions.has(sessionId)) await ctx.tracker.refresh();
  return ctx.tracker.sessions.get(sessionId);
}

/**
 * Closes a session; one in a worktree of its own asks Keep Worktree / Delete Worktree / Delete Worktree and Branch (a
 * modal: Escape cancels the close). The branch goes only when its commits are merged: an unmerged one is kept and the
 * server's message (the session closed, the worktree removed) says how to delete it anyway. The panel's Close of a
 * worktree session comes here too (host/closeSession).
 */
export async function closeSession(ctx: SessionCommandContext, sessionId?: string): Promise<void> {
  const session = sessionId ? await sessionById(ctx, sessionId) : await pickSession(ctx.tracker, 'Maestro: close which session?', undefined, ctx.selectedSession?.());
  if (!session) return;
  let removeWorktree = false;
  let deleteBranch = false;
  if (session.worktree) {
    const branch = session.branch ? ` (branch ${session.branch})` : '';
    const answer = await vscode.window.showWarningMessage(
      `Close ${session.name}: keep its worktree or delete it?`,
      {
        modal: true,
        detail:
          `${session.worktree}${branch}\nDeleting removes the folder; the branch and its commits stay unless you delete the branch too, which happens only when its commits are merged. ` +
          'A worktree with changes not committed is not deleted (the session stays open and you are told which files).',
      },
      keepWorktreeAction,
      deleteWorktreeAction,
      ...(session.branch ? [deleteWorktreeAndBranchAction] : []),
    );
    if (!answer) return;
    removeWorktree = answer !== keepWorktreeAction;
    deleteBranch = answer === deleteWorktreeAndBranchAction;
  }
  try {
    await ctx.server.request(Methods.SessionsClose, { sessionId: session.id, removeWorktree, ...(deleteBranch ? { deleteBranch } : {}) });
  } catch (error) {
    // A dirty worktree refuses to go: say which files, and offer the close that keeps it. An unmerged branch is kept
    // after the close and the removal: the message says so and gives the git command that deletes it anyway.
    const dirty = asRpcError(error)?.code === ErrorCodes.WorktreeDirty;
    const answer = await vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`, ...(dirty ? [keepWorktreeAction] : []));
    if (answer === keepWorktreeAction) await run(() => ctx.server.request(Methods.SessionsClose, { sessionId: session.id, removeWorktree: false }));
  }
}

export async function openTranscript(ctx: SessionCommandContext): Promise<void> {
  const session = await pickSession(ctx.tracker, 'Maestro: open the transcript of…', undefined, ctx.selectedSession?.());
  if (session) await ctx.showSession(session.id);
}

async function run(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    void vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`);
  }
}
