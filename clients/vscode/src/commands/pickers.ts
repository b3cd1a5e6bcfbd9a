import * as vscode from 'vscode';
import type { Session } from '../protocol';
import type { ActivityTracker } from '../status/activityTracker';
import { statusNote } from '../status/statusNote';

/**
 * Picks one of the server's open sessions (optionally only those a filter keeps). A single candidate is taken without
 * asking; `preferred` (the session selected in the panel) comes first in the list.
 */
export async function pickSession(
  tracker: ActivityTracker,
  title: string,
  filter: (s: Session) => boolean = () => true,
  preferred?: string,
): Promise<Session | undefined> {
  await tracker.refresh();
  const sessions = tracker.openSessions().filter(filter);
  if (sessions.length === 0) {
    statusNote('Maestro: no open session (New Session: Ctrl+Alt+M N).');
    return undefined;
  }
  if (sessions.length === 1) return sessions[0];
  sessions.sort((a, b) => Number(b.id === preferred) - Number(a.id === preferred));
  const picked = await vscode.window.showQuickPick(
    sessions.map((session) => ({
      label: session.name,
      description: `${session.agentId} · ${session.status}${session.branch ? ` · ${session.branch}` : ''}`,
      detail: session.worktree ?? session.cwd,
      session,
    })),
    { title, placeHolder: 'Session', matchOnDescription: true },
  );
  return picked?.session;
}
