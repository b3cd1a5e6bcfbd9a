import * as vscode from 'vscode';
import { Methods, type PlaybookInfo, type PlaybooksListResult, type Run } from '../protocol';
import type { RpcClient } from '../server/rpcClient';
import { readSettings } from '../settings';
import type { ActivityTracker } from '../status/activityTracker';
import { describeError } from '../util/rpcError';
import { pickAgent, pickPermissionMode, workspaceFolderPaths } from './pickers';

export async function runPlaybook(server: RpcClient, showPanel: () => Promise<void>): Promise<void> {
  const found: PlaybookInfo[] = [];
  for (const cwd of workspaceFolderPaths()) {
    try {
      found.push(...(await server.request<PlaybooksListResult>(Methods.PlaybooksList, { cwd })).playbooks);
    } catch (error) {
      void vscode.window.showWarningMessage(`Maestro: could not list the Playbooks of ${cwd}: ${describeError(error)}`);
    }
  }
  if (found.length === 0) {
    void vscode.window.showInformationMessage('Maestro: no Playbook in this workspace (a folder of markdown documents with task lists).');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    found.map((playbook) => {
      const total = playbook.documents.reduce((n, d) => n + d.total, 0);
      const done = playbook.documents.reduce((n, d) => n + d.done, 0);
      return { label: playbook.name, description: playbook.error ? `cannot run: ${playbook.error}` : `${done}/${total} tasks done`, detail: playbook.path, playbook };
    }),
    { title: 'Maestro: run which Playbook?' },
  );
  if (!picked) return;
  if (picked.playbook.error) {
    void vscode.window.showWarningMessage(`Maestro: ${picked.playbook.error}`);
    return;
  }
  const settings = readSettings();
  const agent = await pickAgent(server, settings.defaultAgent, `Maestro: the agent that works through ${picked.playbook.name}`);
  if (!agent) return;
  const permissionMode = await pickPermissionMode(settings.defaultPermissionMode, `Maestro: what may ${agent.name} do while it works through ${picked.playbook.name}?`);
  if (!permissionMode) return;
  try {
    const run = await server.request<Run>(Methods.PlaybooksRun, { path: picked.playbook.path, agentId: agent.id, permissionMode });
    void vscode.window.showInformationMessage(`Maestro: running ${picked.playbook.name} with ${agent.name} (${run.total} tasks).`);
    await showPanel();
  } catch (error) {
    void vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`);
  }
}

export async function stopRun(server: RpcClient, tracker: ActivityTracker): Promise<void> {
  await tracker.refresh();
  const runs = tracker.runningRuns();
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('Maestro: no Playbook is running.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((run) => ({ label: run.playbook, description: `${run.agentId} · ${run.done}/${run.total}`, detail: run.currentTask?.text, run })),
    { title: 'Maestro: stop which run?' },
  );
  if (!picked) return;
  try {
    await server.request(Methods.RunsStop, { runId: picked.run.id });
  } catch (error) {
    void vscode.window.showErrorMessage(`Maestro: ${describeError(error)}`);
  }
}
