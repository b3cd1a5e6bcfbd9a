import * as vscode from 'vscode';
import { Methods, type AgentInfo, type AgentsListResult, type PermissionMode, type Session } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import type { ActivityTracker } from '../status/activityTracker';

/** Picks an available agent from `agents/list`, the configured default first. */
export async function pickAgent(server: RpcClient, defaultAgent: string | undefined, title: string): Promise<AgentInfo | undefined> {
  const { agents } = await server.request<AgentsListResult>(Methods.AgentsList);
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

const permissionModes: { mode: PermissionMode; label: string; detail: string }[] = [
  { mode: 'acceptEdits', label: 'Accept edits', detail: 'Agents edit files without asking; shell commands and other tools are refused, since nobody is there to ask.' },
  { mode: 'bypass', label: 'Bypass', detail: 'Agents do everything without asking, shell commands included. For a worktree, a container or a repository you can reset.' },
  { mode: 'ask', label: 'Ask', detail: 'Agents ask in this window before each action; the run waits while nobody answers.' },
];

/**
 * Picks what a headless run's agents may do, the given mode first. A Playbook run has nobody to ask, so the
 * choice decides whether an agent that needs a shell command can finish at all: the items say so.
 */
export async function pickPermissionMode(preselected: PermissionMode | undefined, title: string): Promise<PermissionMode | undefined> {
  const first = preselected ?? 'acceptEdits';
  const items = [...permissionModes]
    .sort((a, b) => Number(b.mode === first) - Number(a.mode === first))
    .map((m) => ({ label: m.label, description: m.mode === first ? `${m.mode} (default)` : m.mode, detail: m.detail, mode: m.mode }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'What may the agents do without asking?' });
  return picked?.mode;
}

/** Picks one of the server's open sessions (optionally only those a filter keeps). */
export async function pickSession(tracker: ActivityTracker, title: string, filter: (s: Session) => boolean = () => true): Promise<Session | undefined> {
  await tracker.refresh();
  const sessions = tracker.openSessions().filter(filter);
  if (sessions.length === 0) {
    void vscode.window.showInformationMessage('Maestro: no session to choose from.');
    return undefined;
  }
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
