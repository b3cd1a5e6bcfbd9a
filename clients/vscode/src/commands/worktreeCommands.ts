// The actions on a session that works in a worktree of its own: open it in a new window, merge its branch into the
// base branch, delete it. Each uses the server's worktree methods (worktrees/merge, worktrees/remove, sessions/close).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ErrorCodes, Methods, type Session, type WorktreeMergeResult } from '../protocol';
import { asRpcError, describeError } from '../util/rpcError';
import { pickSession } from './pickers';
import { sessionById, type SessionCommandContext } from './sessionCommands';

const inWorktree = (s: Session) => !!s.worktree;
/** A host's worktree is a path there: its requests go to that host's daemon. */
const onHost = (s: Session) => (s.host ? { host: s.host } : {});

async function pickWorktreeSession(ctx: SessionCommandContext, title: string, sessionId?: string): Promise<Session | undefined> {
  if (sessionId) return sessionById(ctx, sessionId);
  return pickSession(ctx.tracker, title, inWorktree, ctx.selectedSession?.());
}

/** "Open Worktree in New Window": the worktree as a folder of its own, in a new VS Code window. */
export async function openWorktreeInNewWindow(ctx: SessionCommandContext, sessionId?: string): Promise<void> {
  const session = await pickWorktreeSession(ctx, 'Maestro: open the worktree of…', sessionId);
  if (!session?.worktree) return;
  if (session.host) {
    // A folder on an SSH host: this window's VS Code cannot open it as a local folder.
    void vscode.window.showInformationMessage(`Maestro: ${session.worktree} is on ${session.host}; open it there (VS Code's Remote-SSH opens a folder of another machine).`);
    return;
  }
  await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(session.worktree), { forceNewWindow: true });
}

export const mergeAction = 'Merge';

/**
 * "Merge Worktree into Base": commits what was accepted (staged) in the worktree and merges its branch into the main
 * worktree's branch. Asked first (a modal), shown as progress, and a merge that could not be done says why (the
 * conflicting paths; the base branch is left as it was).
 */
export async function mergeWorktree(ctx: SessionCommandContext, sessionId?: string): Promise<WorktreeMergeResult | undefined> {
  const session = await pickWorktreeSession(ctx, 'Maestro: merge the worktree of…', sessionId);
  if (!session?.worktree) return undefined;
  const branch = session.branch ?? path.basename(session.worktree);
  const answer = await vscode.window.showInformationMessage(
    `Merge ${branch} into the base branch?`,
    { modal: true, detail: `The accepted (staged) changes of ${session.worktree} are committed first, then ${branch} is merged into the branch of the repository's main worktree.` },
    mergeAction,
  );
  if (answer !== mergeAction) return undefined;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Maestro: merging ${branch}…` },
      () => ctx.server.request<WorktreeMergeResult>(Methods.WorktreesMerge, { path: session.worktree, message: `${session.name} (Maestro)`, ...onHost(session) }),
    );
    if (result.merged) {
      vscode.window.setStatusBarMessage(`$(git-merge) Maestro: ${branch} merged${result.fastForward ? ' (fast-forward)' : ''}`, 5000);
    } else {
      const conflicts = result.conflicts.length > 0 ? ` Conflicts in ${result.conflicts.join(', ')}.` : '';
      void vscode.window.showErrorMessage(`Maestro: ${branch} was not merged: ${result.reason ?? 'the merge stopped'}.${conflicts} The base branch is as it was.`);
    }
    return result;
  } catch (error) {
    void vscode.window.showErrorMessage(`Maestro: could not merge ${branch}: ${describeError(error)}`);
    return undefined;
  }
}

export const deleteAction = 'Delete Worktree';
export const deleteWithBranchAction = 'Delete Worktree and Branch';
export const deleteAnywayAction = 'Delete Anyway';
export const deleteWithBranchAnywayAction = 'Delete Worktree and Branch Anyway';

/**
 * "Delete Worktree": removes the worktree folder, and with "Delete Worktree and Branch" its branch when the branch's
 * commits are merged (an unmerged one is kept; the server's message says how to delete it anyway). An open session in it
 * is closed with it; a closed session's kept worktree is removed by path. A worktree with uncommitted changes is refused
 * by the server with the files named; for a closed session, Delete Anyway forces it (with the branch: unmerged or not).
 */
export async function deleteWorktree(ctx: SessionCommandContext, sessionId?: string): Promise<boolean> {
  const session = await pickWorktreeSession(ctx, 'Maestro: delete the worktree of…', sessionId);
  if (!session?.worktree) return false;
  const open = session.status !== 'closed';
  const answer = await vscode.window.showWarningMessage(
    `Delete the worktree of ${session.name}?`,
    {
      modal: true,
      detail: `${session.worktree} is removed${open ? ' and the session is closed' : ''}; the branch ${session.branch ?? ''} and its commits stay unless you delete the branch too, which happens only when its commits are merged.`,
    },
    deleteAction,
    ...(session.branch ? [deleteWithBranchAction] : []),
  );
  if (answer !== deleteAction && answer !== deleteWithBranchAction) return false;
  const deleteBranch = answer === deleteWithBranchAction;
  const withBranch = deleteBranch ? { deleteBranch } : {};
  const remove = (force: boolean) =>
    open
      ? ctx.server.request(Methods.SessionsClose, { sessionId: session.id, removeWorktree: true, ...withBranch })
      : ctx.server.request(Methods.WorktreesRemove, { path: session.worktree, force, ...withBranch, ...onHost(session) });
  try {
    await remove(false);
    return true;
  } catch (error) {
    const dirty = asRpcError(error)?.code === ErrorCodes.WorktreeDirty;
    const anyway = deleteBranch ? deleteWithBranchAnywayAction : deleteAnywayAction;
    const choice = await vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`, ...(dirty && !open ? [anyway] : []));
    if (choice !== anyway) return false;
    try {
      await remove(true);
      return true;
    } catch (again) {
      void vscode.window.showErrorMessage(`Maestro: ${describeError(again)}`);
      return false;
    }
  }
}
