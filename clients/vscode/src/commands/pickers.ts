import * as vscode from 'vscode';
import { Methods, type AgentInfo, type AgentsListResult, type Session } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import type { ActivityTracker } from '../status/activityTracker';
import { statusNote } from '../status/statusNote';

/**
 * Picks an available agent from `agents/list`, the configured default first. A single available agent is taken
 * without asking (a picker with one real choice is a keystroke for nothing).
 */
export async function pickAgent(server: RpcClient, defaultAgent: string | undefined, title: string): Promise<AgentInfo | undefined> {
  const { agents } = await server.request<AgentsListResult>(Methods.AgentsList);
  const available = agents.filter((a) => a.available);
  if (available.length === 1) return available[0];
  const ordered = [...agents].sort((a, b) => Number(b.id === defaultAgent) - Number(a.id === defaultAgent) || Number(b.available) - Number(a.available));
  const items = ordered.map((agent) => ({
    label: agent.name,
    description: agent.available ? [agent.id, agent.version].filter(Boolean).join(' ') : `${agent.id}: not available`,
    detail: agent.available ? undefined : agent.reason,
    agent,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Agent', matchOnDescription: true });
  if (picked && !picked.agent.available) {
    void vscode.window.showWarningMessage(`Maestro: ${picked.agent.name} is not available. ${picked.agent.reason ?? ''}`.trim());
    return undefined;
  }
  return picked?.agent;
}

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

export function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
}
