import * as path from 'node:path';
import * as vscode from 'vscode';
import { Methods, type Session, type SessionCreateParams, type SessionPromptResult, type Worktree } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import { readSettings } from '../settings';
import type { ActivityTracker } from '../status/activityTracker';
import { describeError } from '../util/rpcError';
import { pickAgent, pickSession, workspaceFolderPaths } from './pickers';

/** What the session commands need from the rest of the extension. */
export interface SessionCommandContext {
  server: RpcClient;
  tracker: ActivityTracker;
  /** Focuses the Maestro view and asks the panel to show a session's transcript. */
  showSession: (sessionId: string) => Promise<void>;
  /** A new session may run in a new worktree: start reviewing it. */
  watchFolder: (folder: string) => void;
}

const newWorktreeItem = '$(git-branch) New worktree…';

export async function newSession(ctx: SessionCommandContext): Promise<Session | undefined> {
  const settings = readSettings();
  const agent = await pickAgent(ctx.server, settings.defaultAgent, 'Maestro: new session (1/2): agent');
  if (!agent) return undefined;

  const folders = workspaceFolderPaths();
  const place = await vscode.window.showQuickPick(
    [...folders.map((f) => ({ label: path.basename(f), description: f, folder: f })), { label: newWorktreeItem, description: 'a fresh branch and folder for this session', folder: '' }],
    { title: 'Maestro: new session (2/2): where the agent works' },
  );
  if (!place) return undefined;

  const params: SessionCreateParams = { agentId: agent.id, cwd: place.folder, permissionMode: settings.defaultPermissionMode };
  if (!place.folder) {
    const repo = folders.length === 1 ? folders[0] : (await vscode.window.showQuickPick(folders, { title: 'Maestro: the repository to branch from' }));
    if (!repo) return undefined;
    const branch = await vscode.window.showInputBox({
      title: 'Maestro: branch of the new worktree',
      value: `maestro/${agent.id.replace(/[^a-z0-9-]/gi, '-')}-${Date.now().toString(36)}`,
      validateInput: (v) => (v.trim() ? undefined : 'A branch name is needed'),
    });
    if (!branch) return undefined;
    if (settings.worktreeFolder) {
      // The server places worktrees beside the repository; a configured folder means creating it here first.
      const worktree = await ctx.server.request<Worktree>(Methods.WorktreesCreate, { repo, branch: branch.trim(), path: path.join(settings.worktreeFolder, branch.trim()) });
      params.cwd = worktree.path;
    } else {
      params.cwd = repo;
      params.worktree = { branch: branch.trim() };
    }
  }

  try {
    const session = await ctx.server.request<Session>(Methods.SessionsCreate, params);
    ctx.watchFolder(session.worktree ?? session.cwd);
    void vscode.window.showInformationMessage(`Maestro: ${agent.name} session "${session.name}" started.`);
    await ctx.showSession(session.id);
    return session;
  } catch (error) {
    void vscode.window.showErrorMessage(`Maestro: could not start the session: ${describeError(error)}`);
    return undefined;
  }
}

/** Sends a prompt and returns at once: the turn runs in the background and its end is reported when it comes. */
export async function promptSession(ctx: SessionCommandContext, sessionId?: string): Promise<void> {
  const session = sessionId ? ctx.tracker.sessions.get(sessionId) ?? { id: sessionId, name: sessionId } : await pickSession(ctx.tracker, 'Maestro: prompt which session?');
  if (!session) return;
  const text = await vscode.window.showInputBox({ title: `Maestro: prompt ${session.name}`, placeHolder: 'What should the agent do?', ignoreFocusOut: true });
  if (!text?.trim()) return;
  ctx.server.request<SessionPromptResult>(Methods.SessionsPrompt, { sessionId: session.id, text }).then(
    (result) => {
      if (result.stopReason === 'error') void vscode.window.showWarningMessage(`Maestro: the turn of ${session.name} ended with an error (see its transcript).`);
    },
    (error: unknown) => void vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`),
  );
  await ctx.showSession(session.id);
}

export async function cancelSession(ctx: SessionCommandContext): Promise<void> {
  const session = await pickSession(ctx.tracker, 'Maestro: cancel the turn of…', (s) => s.status === 'running' || s.status === 'waiting');
  if (!session) return;
  await run(() => ctx.server.request(Methods.SessionsCancel, { sessionId: session.id }));
}

export async function closeSession(ctx: SessionCommandContext): Promise<void> {
  const session = await pickSession(ctx.tracker, 'Maestro: close which session?');
  if (!session) return;
  let removeWorktree = false;
  if (session.worktree) {
    const answer = await vscode.window.showQuickPick(['Close, keep the worktree', 'Close and remove the worktree'], { title: `Maestro: ${session.worktree}` });
    if (!answer) return;
    removeWorktree = answer.includes('remove');
  }
  await run(() => ctx.server.request(Methods.SessionsClose, { sessionId: session.id, removeWorktree }));
}

export async function openTranscript(ctx: SessionCommandContext): Promise<void> {
  const session = await pickSession(ctx.tracker, 'Maestro: open the transcript of…');
  if (session) await ctx.showSession(session.id);
}

async function run(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    void vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`);
  }
}
